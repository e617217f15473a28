"""The three Humas roles. Backwards, the groups are removed (their users keep their accounts)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTENT = {
    "programs": ["program", "benefitcomponent", "budget", "programsource"],
    "faq": ["category", "question", "clarification", "clarificationsource"],
}
# Rows inside an item's form (components, budgets, sources) can be removed by a writer;
# whole items are deleted only by a Penyunting, and published ones not at all (archive first).
INLINE_MODELS = {"benefitcomponent", "budget", "programsource", "clarificationsource"}
PUBLISH = ["publish_program", "publish_question", "publish_clarification"]
ADMIN_APPS = ["programs", "faq", "editorial", "bansos_portal", "auth"]


def perms(Permission, app, model, actions):
    return Permission.objects.filter(
        content_type__app_label=app,
        content_type__model=model,
        codename__in=[f"{action}_{model}" for action in actions],
    )


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    writer = set()
    for app, models in CONTENT.items():
        for model in models:
            actions = ["view", "add", "change"] + (["delete"] if model in INLINE_MODELS else [])
            writer.update(perms(Permission, app, model, actions))
    editor = set(writer)
    for app, models in CONTENT.items():
        for model in models:
            editor.update(perms(Permission, app, model, ["delete"]))
    editor.update(Permission.objects.filter(codename__in=PUBLISH))
    editor.update(perms(Permission, "editorial", "transition", ["view"]))
    editor.update(perms(Permission, "editorial", "changenote", ["view", "add", "change", "delete"]))
    administrator = Permission.objects.filter(content_type__app_label__in=ADMIN_APPS)

    for name, permissions in [("Penulis", writer), ("Penyunting", editor), ("Administrator", administrator)]:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(permissions)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Penulis", "Penyunting", "Administrator"]).delete()


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
