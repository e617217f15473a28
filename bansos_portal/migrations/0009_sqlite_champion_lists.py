from django.db import migrations

from bansos_portal.search.statements import install_champions


def install_sqlite_champion_lists(apps, schema_editor):
    # PostgreSQL has had its champion lists since 0005; there this runs nothing.
    if schema_editor.connection.vendor == "sqlite":
        install_champions(schema_editor.connection)


class Migration(migrations.Migration):
    """SQLite: champion lists (SearchPosting) kept by triggers and filled for the entries indexed so far, so
    the first pages of a common word's results rank its strongest entries instead of every match."""

    dependencies = [
        ("bansos_portal", "0008_office_kind"),
    ]

    operations = [
        migrations.RunPython(install_sqlite_champion_lists, migrations.RunPython.noop),
    ]
