"""What citizens search for, counted per day: no IP, no user agent, no session, no personal numbers."""

import re

from django.db.models import F
from django.utils import timezone

from bansos_portal.models import SearchQueryStat

# NIK (16 digits), KK numbers and phone numbers are long digit runs, often with spaces or dashes.
LONG_NUMBER = re.compile(r"(?:\+?\d[\d\s.-]{6,}\d)")


def normalise(query):
    """The query as stored: lower-case, personal numbers masked, whitespace folded."""
    masked = LONG_NUMBER.sub("[angka]", query.lower())
    return re.sub(r"\s+", " ", masked).strip()[:200]


def record_search(query, result_count):
    query = normalise(query)
    if not query:
        return
    stat, created = SearchQueryStat.objects.get_or_create(
        day=timezone.localdate(), query=query, defaults={"searches": 1, "results": result_count}
    )
    if not created:
        SearchQueryStat.objects.filter(pk=stat.pk).update(searches=F("searches") + 1, results=result_count)


def record_click(query):
    query = normalise(query)
    if not query:
        return
    stat, created = SearchQueryStat.objects.get_or_create(
        day=timezone.localdate(), query=query, defaults={"searches": 1, "clicks": 1}
    )
    if not created:
        SearchQueryStat.objects.filter(pk=stat.pk).update(clicks=F("clicks") + 1)
