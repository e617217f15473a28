from django.db import migrations

# The index now keeps the question words that name what is asked (kapan, berapa, siapa, kenapa, mengapa,
# bagaimana) and "belum" (search/text.py STOP_WORDS). An index built before lacks them, and the spelling
# suggestions would "correct" them, so a database that already holds entries is indexed again, as
# `rebuild_search_index` does, with best bets keyed anew. A new database has nothing to index yet.


def index_again(apps, schema_editor):
    SearchEntry = apps.get_model("bansos_portal", "SearchEntry")
    if SearchEntry.objects.using(schema_editor.connection.alias).exists():
        from bansos_portal.search.index import rebuild

        rebuild()


class Migration(migrations.Migration):
    dependencies = [
        ("bansos_portal", "0010_more_citizen_fillers"),
    ]

    operations = [migrations.RunPython(index_again, migrations.RunPython.noop)]
