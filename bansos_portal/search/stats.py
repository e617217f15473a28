"""What citizens search for, counted per day: no IP, no user agent, no session, no personal numbers."""

import re

from django.db import connection
from django.utils import timezone

from bansos_portal.personal_data import mask_personal_numbers
from bansos_portal.search.statements import count_query


def normalise(query):
    """The query as stored: lower-case, personal numbers masked, whitespace folded."""
    masked = mask_personal_numbers(query.lower())
    return re.sub(r"\s+", " ", masked).strip()[:200]


def record_search(query, result_count):
    _count(query, "search", searches=1, clicks=0, results=result_count)


def record_click(query):
    # A click on a query not yet counted today (the page came from a cache) counts as its search too.
    _count(query, "click", searches=1, clicks=1, results=0)


def _count(query, change, **counts):
    query = normalise(query)
    if query:
        count_query(connection, change, timezone.localdate(), query, **counts)
