import json
from pathlib import Path

from django.db import migrations

DEFAULTS = Path(__file__).resolve().parents[1] / "search" / "default_synonyms.json"


def add_default_synonyms(apps, schema_editor):
    SynonymGroup = apps.get_model("bansos_portal", "SynonymGroup")
    for group in json.loads(DEFAULTS.read_text(encoding="utf-8")):
        SynonymGroup.objects.get_or_create(terms=", ".join(group["terms"]), defaults={"note": group.get("note", "")})


class Migration(migrations.Migration):
    """Sensible synonyms, acronyms and slang to start with; Humas edit them in the admin."""

    dependencies = [("bansos_portal", "0002_full_text_search")]

    operations = [migrations.RunPython(add_default_synonyms, migrations.RunPython.noop)]
