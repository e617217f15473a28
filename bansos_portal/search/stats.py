"""What citizens search for, counted per day: no IP, no user agent, no session, no personal numbers."""

import re

from django.db import connection
from django.utils import timezone

from bansos_portal.personal_data import mask_personal_numbers
from bansos_portal.search.models import SearchQueryStat


def normalise(query):
    """The query as stored: lower-case, personal numbers masked, whitespace folded."""
    masked = mask_personal_numbers(query.lower())
    return re.sub(r"\s+", " ", masked).strip()[:200]


def record_search(query, result_count):
    _upsert(
        query,
        searches=1,
        clicks=0,
        results=result_count,
        on_conflict="searches = {t}.searches + 1, results = excluded.results",
    )


def record_click(query):
    # A click on a query not yet counted today (the page came from a cache) counts as its search too.
    _upsert(query, searches=1, clicks=1, results=0, on_conflict="clicks = {t}.clicks + 1")


def _upsert(query, *, searches, clicks, results, on_conflict):
    """Today's row for `query`, created or updated in one statement: every search writes one, so it must
    be cheap. PostgreSQL and SQLite both take this form."""
    query = normalise(query)
    if not query:
        return
    table = SearchQueryStat._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (day, query, searches, clicks, results) VALUES (%s, %s, %s, %s, %s) "
            f"ON CONFLICT (day, query) DO UPDATE SET {on_conflict.format(t=table)}",
            [timezone.localdate(), query, searches, clicks, results],
        )
