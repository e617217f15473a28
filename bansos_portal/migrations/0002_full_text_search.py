from django.db import migrations

from bansos_portal.search.statements import install


def install_full_text_search(apps, schema_editor):
    install(schema_editor.connection)


class Migration(migrations.Migration):
    """PostgreSQL: a weighted tsvector column with a GIN index, pg_trgm for typos. SQLite: FTS5 kept by triggers."""

    dependencies = [("bansos_portal", "0001_initial")]

    operations = [migrations.RunPython(install_full_text_search, migrations.RunPython.noop)]
