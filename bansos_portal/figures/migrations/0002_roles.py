"""The roles again, now that figures exist: a Penulis adds figures and proposes changes, a Penyunting puts
them in force (publish_figure)."""

from importlib import import_module

from django.db import migrations

create_groups = import_module("bansos_portal.editorial.migrations.0002_editorial_groups").create_groups


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0008_roles_official_accounts"),
        ("figures", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
