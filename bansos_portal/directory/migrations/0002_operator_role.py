"""The Operator Daerah group, and the office permissions of the Humas roles (editorial/roles.py)."""

from importlib import import_module

from django.db import migrations

create_groups = import_module("bansos_portal.editorial.migrations.0002_editorial_groups").create_groups


def remove_operator(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Operator Daerah").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0001_initial"),
        ("editorial", "0006_proposal_actions"),
    ]

    operations = [migrations.RunPython(create_groups, remove_operator)]
