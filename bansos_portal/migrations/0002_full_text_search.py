from django.db import migrations


def install_full_text_search(apps, schema_editor):
    from bansos_portal.search.backends import install

    install(schema_editor.connection)


class Migration(migrations.Migration):
    """PostgreSQL: a weighted tsvector column with a GIN index, pg_trgm for typos. SQLite: FTS5 kept by triggers."""

    dependencies = [("bansos_portal", "0001_initial")]

    operations = [migrations.RunPython(install_full_text_search, migrations.RunPython.noop)]
