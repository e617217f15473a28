"""The three Humas roles. Backwards, the groups are removed (their users keep their accounts)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from bansos_portal.editorial.roles import ROLES, ensure_roles


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    ensure_roles(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("editorial", "0001_editorial_record"),
        ("programs", "0003_humas_workflow"),
        ("faq", "0003_humas_workflow"),
        ("bansos_portal", "0004_unpublish_at"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
