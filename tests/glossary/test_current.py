"""The glossary pages are marked with: read once per content change, and up to date with a term that a
save changes or a schedule brings out."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from freezegun import freeze_time

from bansos_portal.glossary.current import current_glossary


def marks(text):
    return 'class="istilah"' in current_glossary().mark(f"<p>{text}</p>", set())


@pytest.fixture
def stored_pages(page_store):
    """The page cache on, so what is compiled is kept for the current content change."""


def test_compiled_once_while_nothing_changes(stored_pages, make_term):
    make_term("DTSEN")
    current_glossary()

    with CaptureQueriesContext(connection) as queries:
        glossary = current_glossary()

    assert not [query for query in queries.captured_queries if "glossary_term" in query["sql"]]
    assert 'class="istilah"' in glossary.mark("<p>DTSEN</p>", set())


def test_a_saved_term_is_marked_at_once(stored_pages, make_term):
    current_glossary()
    make_term("desil")

    assert marks("desil")


def test_a_scheduled_term_is_marked_once_its_time_has_come(stored_pages, make_term):
    start = timezone.now()
    make_term("KPM", published_at=start + timedelta(hours=1))

    with freeze_time(start):
        assert not marks("KPM")
    with freeze_time(start + timedelta(hours=2)):
        assert marks("KPM")


def test_a_term_leaves_at_its_unpublish_time(stored_pages, make_term):
    start = timezone.now()
    make_term("KKS", published_at=start - timedelta(hours=1), unpublish_at=start + timedelta(hours=1))

    with freeze_time(start):
        assert marks("KKS")
    with freeze_time(start + timedelta(hours=2)):
        assert not marks("KKS")
