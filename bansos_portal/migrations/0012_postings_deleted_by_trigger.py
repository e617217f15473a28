import django.db.models.deletion
from django.db import migrations, models

from bansos_portal.search.statements import install_forget_postings


def forget_postings_with_their_entry(apps, schema_editor):
    install_forget_postings(schema_editor.connection)


class Migration(migrations.Migration):
    """A deleted search entry's postings are deleted by the database, in one statement, instead of by
    Django's cascade, which read each of them as a model and signalled it (hundreds per entry)."""

    dependencies = [
        ("bansos_portal", "0011_index_question_words"),
    ]

    operations = [
        migrations.RunPython(forget_postings_with_their_entry, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="searchposting",
            name="entry",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.DO_NOTHING, related_name="+", to="bansos_portal.searchentry"
            ),
        ),
    ]
