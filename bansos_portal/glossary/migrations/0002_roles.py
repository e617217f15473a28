"""The roles again, now that the glossary exists: a Penulis writes and corrects terms, a Penyunting
publishes them (publish_term)."""

from importlib import import_module

from django.db import migrations

create_groups = import_module("bansos_portal.editorial.migrations.0002_editorial_groups").create_groups


class Migration(migrations.Migration):
    dependencies = [
        ("glossary", "0001_initial"),
        ("editorial", "0009_roles_shared_steps"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
