"""The roles again, now that the official accounts exist: a Penulis adds and corrects hidden ones, a
Penyunting shows them on the site (publish_officialaccount)."""

from importlib import import_module

from django.db import migrations

create_groups = import_module("bansos_portal.editorial.migrations.0002_editorial_groups").create_groups


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0007_roles_precheck_and_directory"),
        ("trust", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
