"""The roles again, now that shared steps exist: like budgets, a save is public at once (on every program that
uses the step), so a Penulis reads them and a Penyunting edits them."""

from importlib import import_module

from django.db import migrations

create_groups = import_module("bansos_portal.editorial.migrations.0002_editorial_groups").create_groups


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0008_roles_official_accounts"),
        ("programs", "0007_task_first"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
