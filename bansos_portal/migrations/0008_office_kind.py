import json
from pathlib import Path

from django.db import migrations, models

REGION_WORDS = Path(__file__).resolve().parents[1] / "search" / "region_synonyms.json"
TABLE = "bansos_portal_searchentry"


def add_office_index(apps, schema_editor):
    # PostgreSQL counts each kind's matches on that kind's own full-text index (see search.statements).
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {TABLE}_vector_office ON {TABLE} USING GIN (search_vector) "
            "WHERE kind = 'office'"
        )


def drop_office_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {TABLE}_vector_office")


def add_region_synonyms(apps, schema_editor):
    SynonymGroup = apps.get_model("bansos_portal", "SynonymGroup")
    for group in json.loads(REGION_WORDS.read_text(encoding="utf-8")):
        SynonymGroup.objects.get_or_create(terms=", ".join(group["terms"]), defaults={"note": group["note"]})


class Migration(migrations.Migration):
    """Dinas Sosial offices as a kind of search result, and the words people use for regions ("kab",
    "jatim") as synonyms Humas can edit."""

    dependencies = [
        ("bansos_portal", "0007_citizen_words"),
    ]

    operations = [
        migrations.AlterField(
            model_name="searchentry",
            name="kind",
            field=models.CharField(
                choices=[
                    ("program", "Program"),
                    ("faq", "Tanya jawab"),
                    ("clarification", "Cek fakta"),
                    ("office", "Dinas Sosial"),
                ],
                max_length=20,
            ),
        ),
        migrations.RunPython(add_office_index, drop_office_index),
        migrations.RunPython(add_region_synonyms, migrations.RunPython.noop),
    ]
