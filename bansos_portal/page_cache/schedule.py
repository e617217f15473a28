"""When public content next changes by itself: a scheduled publish, unpublish or expiry time."""

from datetime import UTC, datetime
from typing import NamedTuple

from django.apps import apps
from django.conf import settings
from django.db.models import Min, Q
from simple_history.models import HistoricalChanges

from .store import NEXT_CHANGE_KEY, cache

# Any of these on a content model is a moment the public site changes with no save.
SCHEDULE_FIELDS = ("published_at", "unpublish_at", "expires_at")
# Of those, the moments something leaves the site.
WITHDRAWAL_FIELDS = ("unpublish_at", "expires_at")


class Schedule(NamedTuple):
    """Unix timestamps (inf when none)."""

    change: float  # the next moment anything appears or disappears
    withdrawal: float  # the next moment anything disappears


def scheduled_models():
    for model in apps.get_models():
        if model._meta.app_label not in settings.PAGE_CACHE_CONTENT_APPS:
            continue
        # An earlier version's dates (the edit history) change nothing; its table only grows.
        if issubclass(model, HistoricalChanges):
            continue
        fields = [field.name for field in model._meta.concrete_fields if field.name in SCHEDULE_FIELDS]
        if fields:
            yield model, fields


def next_scheduled_change(now):
    """The earliest future schedule times of any content item.

    One aggregate query per scheduled model. A draft's future date counts too: at worst a page is
    rendered again a little early (or not served stale), never shown stale.
    """
    moment = datetime.fromtimestamp(now, tz=UTC)
    change = withdrawal = float("inf")
    for model, fields in scheduled_models():
        found = model._base_manager.aggregate(
            **{field: Min(field, filter=Q(**{f"{field}__gt": moment})) for field in fields}
        )
        for field, value in found.items():
            if value is not None:
                change = min(change, value.timestamp())
                if field in WITHDRAWAL_FIELDS:
                    withdrawal = min(withdrawal, value.timestamp())
    return Schedule(change, withdrawal)


def known_schedule(found, now):
    """The schedule as the page lookup `found` read it, computed afresh (and kept) once per content change
    or when its next moment has passed."""
    known_changes, *known = found.next_change or (None,)
    if known_changes != found.changes or len(known) != len(Schedule._fields) or known[0] <= now:
        known = next_scheduled_change(now)
        cache().set(NEXT_CHANGE_KEY, (found.changes, *known), timeout=settings.PAGE_CACHE_SECONDS)
    return Schedule(*known)
