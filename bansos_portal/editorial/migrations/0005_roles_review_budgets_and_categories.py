"""The roles again: budget figures and FAQ categories are public the moment they are saved, so a
Penulis only reads them; a Penyunting adds, changes and deletes them (each change is recorded)."""

from importlib import import_module

from django.db import migrations

create_groups = import_module("bansos_portal.editorial.migrations.0002_editorial_groups").create_groups


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0004_preview_keys_enrolment_codes_edit_records"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
