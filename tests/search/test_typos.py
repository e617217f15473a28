"""Spelling suggestions ("Maksud Anda") come only from what the public can read right now."""

from datetime import timedelta
from unittest import mock

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bansos_portal.publishing import Status
from bansos_portal.search import engine
from bansos_portal.search.index import rebuild
from bansos_portal.search.models import SearchTerm


def suggestion(query):
    return engine.search(query).suggestion


def test_suggestions_never_offer_words_only_drafts_use(make_question):
    make_question(question="Cara cek penerima bansos?")
    make_question(question="Rencana kuota tambahan", status=Status.DRAFT)

    assert suggestion("kuotta") is None
    rebuild()
    assert suggestion("kuotta") is None


def test_words_of_deleted_and_withdrawn_items_leave_the_suggestions(make_question):
    deleted = make_question(question="Kuota bantuan desa")
    withdrawn = make_question(question="Tambahan kuota lansia")
    assert suggestion("kuotta") == "kuota"

    deleted.delete()
    assert suggestion("kuotta") == "kuota"  # the other item still uses it
    assert not SearchTerm.objects.filter(word="desa").exists()

    withdrawn.status = Status.DRAFT
    withdrawn.save()
    assert suggestion("kuotta") is None
    assert not SearchTerm.objects.filter(word="kuota").exists()


def test_words_of_scheduled_items_are_offered_only_while_they_are_public(make_question, page_store):
    start = timezone.now()
    make_question(
        question="Kuota bantuan tahap dua",
        published_at=start + timedelta(hours=1),
        unpublish_at=start + timedelta(hours=2),
    )

    # The page cache knows the content generation, so spelling options are kept across these searches:
    # the schedule still applies, though nothing was saved in between.
    with mock.patch("django.utils.timezone.now", return_value=start + timedelta(minutes=59)):
        assert suggestion("kuotta") is None
    with mock.patch("django.utils.timezone.now", return_value=start + timedelta(hours=1, seconds=1)):
        assert suggestion("kuotta") == "kuota"
    with mock.patch("django.utils.timezone.now", return_value=start + timedelta(hours=2, seconds=1)):
        assert suggestion("kuotta") is None


def test_vocabulary_is_read_once_per_content_generation(make_question, page_store):
    make_question(question="Kuota bantuan desa")

    with CaptureQueriesContext(connection) as first:
        assert suggestion("kuotta") == "kuota"
    with CaptureQueriesContext(connection) as second:
        assert suggestion("kuotta") == "kuota"

    def reads_vocabulary(queries):
        return any(SearchTerm._meta.db_table in query["sql"] for query in queries)

    assert reads_vocabulary(first.captured_queries) and not reads_vocabulary(second.captured_queries)
