"""An import indexes its items and tells the page cache once, as it ends: the search index it leaves is
the one indexing every save would leave, and the site shows the new content, never a withdrawn page."""

import json
from contextlib import nullcontext

import pytest
from django.db import connection
from django.db.utils import OperationalError
from django.forms.models import model_to_dict

from bansos_portal.content_file import load
from bansos_portal.content_file.load import import_content
from bansos_portal.page_cache.models import ContentChange
from bansos_portal.search.index import rebuild
from bansos_portal.search.models import SearchEntry, SearchTerm
from faq.models import Clarification, Question
from programs.models import Program

from .test_load_and_dump import SAMPLE


def sample(changes):
    """A copy of SAMPLE; `changes` maps (list, index) to the fields to change in that entry."""
    data = json.loads(json.dumps(SAMPLE))
    for (key, index), fields in changes.items():
        data[key][index].update(fields)
    return data


# Every kind of change an import can make to indexed content: new words, a withdrawal, an item
# published, programs unlinked and linked, and the words an entry loses.
CHANGED = sample(
    {
        ("programs", 0): {"summary": "Bantuan tunai bersyarat untuk lansia dan penyandang disabilitas."},
        ("programs", 1): {"status": "published"},
        ("faq", 0): {"programs": ["bpnt"], "answer": "Datang ke kantor desa atau kelurahan."},
        ("faq", 1): {"status": "draft"},
        ("clarifications", 0): {"programs": ["pkh", "bpnt"], "explanation": "Situs itu palsu."},
    }
)


def index():
    """The whole search index as searches read it: each item's entry and programs, and the vocabulary."""
    entries = {
        (entry.content_type_id, entry.object_id): {
            **model_to_dict(entry, exclude=["id", "programs"]),
            "programs": sorted(program.slug for program in entry.programs.all()),
        }
        for entry in SearchEntry.objects.prefetch_related("programs")
    }
    return entries, set(SearchTerm.objects.values_list("word", "stem", "length", "frequency"))


@pytest.fixture
def indexing_each_save(monkeypatch):
    """Imports index every save as it happens, as the admin's saves do."""
    monkeypatch.setattr(load, "deferred_indexing", nullcontext)


def test_importing_the_demo_content_leaves_the_index_a_rebuild_makes(demo_content):
    imported = index()

    rebuild()

    assert index() == imported
    content_entries = SearchEntry.objects.exclude(kind=SearchEntry.Kind.OFFICE).count()
    assert content_entries == Program.objects.count() + Question.objects.count() + Clarification.objects.count()
    assert len(imported[1]) > 1000


@pytest.mark.parametrize("how", ["batched", "each save"])
def test_reimporting_changed_content_leaves_the_index_a_rebuild_makes(db, request, how):
    if how == "each save":
        request.getfixturevalue("indexing_each_save")
    import_content(data=SAMPLE)

    import_content(data=CHANGED)
    imported = index()
    rebuild()

    assert index() == imported
    entries, vocabulary = imported
    assert {"lansia", "disabilitas", "kelurahan"} <= {word for word, *_ in vocabulary}
    assert "cekbansos" not in {word for word, *_ in vocabulary}  # only the drafted answer held it
    question = Question.objects.get(slug="cara-daftar")
    assert entries[SearchEntry.objects.get(slug=question.slug).content_type_id, question.pk]["programs"] == ["bpnt"]


def test_an_import_is_one_change_and_the_next_page_shows_it(db, client, page_store, django_capture_on_commit_callbacks):
    import_content(data=SAMPLE)
    client.get("/program/pkh/")  # stored
    before = ContentChange.objects.number()

    with django_capture_on_commit_callbacks(execute=True):
        import_content(data=CHANGED)

    assert ContentChange.objects.number() == before + 1
    assert "penyandang disabilitas" in client.get("/program/pkh/").text


def database_down(execute, sql, params, many, context):
    raise OperationalError("database is locked")


def test_a_page_an_import_withdraws_is_not_served_even_while_the_database_is_down(
    db, client, page_store, django_capture_on_commit_callbacks
):
    import_content(data=SAMPLE)
    assert "Subsidi PPKM" in client.get("/cek-fakta/subsidi-ppkm/").text  # stored
    # The clarification is the import's last item: its withdrawal follows ordinary edits.
    withdrawn = sample({("programs", 0): {"summary": "Ringkasan baru."}, ("clarifications", 0): {"status": "draft"}})

    with django_capture_on_commit_callbacks(execute=True):
        import_content(data=withdrawn)
    with connection.execute_wrapper(database_down):
        response = client.get("/cek-fakta/subsidi-ppkm/")

    assert response.status_code == 503 and "Subsidi PPKM" not in response.text
