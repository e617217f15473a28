from django.db import migrations

# Chat fillers ("tolong kasih tau … dong", "mau", "kok") added to the defaults in search/citizen_words.json
# after 0007 loaded them: a database made before gets them too. A word Humas already list stays as it is.
FILLERS = ["kasih", "kasi", "tau", "mau", "ingin", "pengen", "pingin", "kok", "tuh"]


def add_fillers(apps, schema_editor):
    CitizenWord = apps.get_model("bansos_portal", "CitizenWord")
    for word in FILLERS:
        CitizenWord.objects.get_or_create(word=word, defaults={"standard": ""})


class Migration(migrations.Migration):
    dependencies = [
        ("bansos_portal", "0009_sqlite_champion_lists"),
    ]

    operations = [migrations.RunPython(add_fillers, migrations.RunPython.noop)]
