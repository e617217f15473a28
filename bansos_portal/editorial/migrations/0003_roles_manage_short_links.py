"""The roles again, now that short links exist: Penyunting manage them, Administrator has every right."""

from importlib import import_module

from django.db import migrations

create_groups = import_module("bansos_portal.editorial.migrations.0002_editorial_groups").create_groups


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0002_editorial_groups"),
        ("links", "0001_links_initial"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
