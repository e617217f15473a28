"""The page store: whole responses for anonymous pages, kept under a content generation so they never show
stale facts. The middleware (middleware.py) and the WSGI front (front.py) read and write it through here.

Each stored page carries the *tags* of what it showed, with their versions when it was rendered (see
`tags.py`): a save or delete of a content item bumps only the tags of that item and of its model's
lists (see `invalidation.py`), so the pages that show it render afresh and every other page stays
stored. A *generation* outdates every page at once, for changes whose reach is unknown (a catch-up,
an emptied cache, a large import). And a page's
freshness never crosses the next scheduled publish, unpublish or expiry time of any item, so a page
scheduled for 08:00 shows at 08:00:01 with no background job. An outdated copy stays stored a while
longer: it is served only when the database is down, and never once something was withdrawn after it
was rendered (unpublished, archived, deleted, or an unpublish time passed): see `stale_copy`.

Every content change is also counted in the database (ContentChange, in the change's own transaction).
A process that meets a count its cache generation does not account for starts a new generation
(`catch_up`), so a change saved by a process that could not reach the cache is never hidden for long,
even if that process exits before the cache returns.

Hits skip every other middleware and the view: one cache round trip (generation and page together;
a miss gets from the same round trip what storing its page needs).
The plainest hits are answered by StoredPageFront, in front of Django, before any request object is
built; PageCacheMiddleware answers the rest with the full rules. The cache is shared (Redis in
production), so every app server sees the same generation. When the cache itself fails the site serves
from the database, and retries the cache after a short pause.
"""

import hashlib
import logging
import time
from contextvars import ContextVar
from typing import NamedTuple
from urllib.parse import unquote_plus

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError

from bansos_portal.personal_data import has_personal_number

from .models import ContentChange
from .visitors import has_live_session, reads_every_param

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
# Counts every content change: a page whose render saw it move may have read rows older than its tags.
CHANGES_KEY = "pagecache:changes"
TAG_KEY_PREFIX = "pagecache:tag:"
CHANGED_AT_KEY = "pagecache:changed-at"
PAGE_KEY_PREFIX = "pagecache:page:"
# (generation, next change, next withdrawal): the schedule as computed in that generation.
NEXT_CHANGE_KEY = "pagecache:schedule"
# Counts withdrawals: a copy rendered under an older count is never served, not even stale.
WITHDRAWALS_KEY = "pagecache:withdrawals"
# The database's change count (ContentChange) that the current generation accounts for.
SYNCED_KEY = "pagecache:database-changes"
# Query parameters that ask for an unpublished view of content: never stored, never served from store.
PREVIEW_PARAMS = ("pratinjau", "preview")
STORABLE_STATUSES = (200, 301)
STORABLE_TYPES = (
    "text/html",
    "application/json",
    "application/xml",
    "text/xml",
    "application/rss+xml",
    "application/atom+xml",
    "text/csv",
    "text/plain",
)
# Request headers a stored page may vary on; each is part of the key. A response that varies on
# anything else (Cookie, for instance) is not stored.
KEYED_HEADERS = ("accept-encoding", "hx-request", "hx-history-restore-request")
CACHE_RETRY_SECONDS = 5.0
# Where StoredPageFront leaves its cache lookup for PageCacheMiddleware (in the WSGI environ).
FRONT_LOOKUP = "bansos_portal.page_lookup"


def cache():
    return caches[settings.PAGE_CACHE_ALIAS]


class CacheDown:
    """Remembers, per process, that the cache failed, so a dead Redis costs one error per pause."""

    down_until = 0.0
    missed_invalidation = False
    # Whether this process has compared the database's change count with the cache's since it started
    # or last lost the cache (see catch_up); until then it answers no stored page before Django. After
    # the database failed to answer, it asks again only after a pause, as with the cache.
    caught_up = False
    catch_up_paused_until = 0.0

    @classmethod
    def available(cls):
        if cls.down_until and time.monotonic() >= cls.down_until:
            cls.down_until = 0.0
            if cls.missed_invalidation:
                # Content may have changed, or been withdrawn, while we could not say so.
                cls.missed_invalidation = bump_generation(withdrawal=True) is None
        return not cls.down_until

    @classmethod
    def failed(cls, problem):
        logger.warning("Page cache unavailable, serving from the database: %s", problem)
        cls.down_until = time.monotonic() + CACHE_RETRY_SECONDS
        cls.caught_up = False


def bump_generation(*, withdrawal=False, database_changes=None):
    """Start a new content generation: every stored page becomes outdated, and after a withdrawal no
    page rendered before it is served even stale. `database_changes` is the ContentChange count the new
    generation accounts for. Returns the new generation, or None when the cache failed."""
    return invalidate((), everything=True, withdrawal=withdrawal, database_changes=database_changes)


def invalidate(tags, *, everything=False, withdrawal=False, database_changes=None):
    """Outdate the stored pages that read any of `tags` (every page, with `everything`). The change
    counter moves first, so a render in progress cannot store rows read before it under the new
    versions. Returns the change count (the generation with `everything`), or None when the cache failed.

    Each tag's new version is the change count itself: it never repeats, so a page's stored versions
    can only differ from it, and all tags are written in one round trip however many a change touches."""
    try:
        changes = increment(CHANGES_KEY)
        values = dict.fromkeys(map(tag_key, tags), changes)
        if everything:
            changes = increment(GENERATION_KEY)
        if withdrawal:
            increment(WITHDRAWALS_KEY)
        values[CHANGED_AT_KEY] = int(time.time())
        if database_changes is not None:
            values[SYNCED_KEY] = database_changes
        cache().set_many(values, timeout=None)
        return changes
    except Exception as problem:
        CacheDown.failed(problem)
        CacheDown.missed_invalidation = True
        return None


def tag_key(tag):
    return TAG_KEY_PREFIX + hashlib.md5(tag.encode(), usedforsecurity=False).hexdigest()


def tag_versions(tags, changes):
    """{tag: version} to store with a page rendered since the change count was `changes`, or None when
    content changed during the render (its rows may predate the versions read now: not stored)."""
    keys = {tag_key(tag): tag for tag in tags}
    found = cache().get_many([*keys, CHANGES_KEY])
    missing = [key for key in keys if key not in found]
    if missing:
        # A tag no change has bumped yet, or evicted: give it a number, never one used before.
        for key in missing:
            cache().add(key, time.time_ns(), timeout=None)
        found = cache().get_many([*keys, CHANGES_KEY])
    if found.get(CHANGES_KEY) != changes or len(found) != len(keys) + 1:
        return None
    return {keys[key]: version for key, version in found.items() if key != CHANGES_KEY}


def tags_unchanged(versions):
    """Whether no tag of a stored page moved since it was rendered (a second cache round trip)."""
    if not versions:
        return True
    keys = {tag_key(tag): version for tag, version in versions.items()}
    found = cache().get_many(list(keys))
    return all(found.get(key) == version for key, version in keys.items())


def increment(key):
    try:
        return cache().incr(key)
    except ValueError:  # not there yet (or evicted): start from the clock, never reusing a number
        value = time.time_ns()
        cache().set(key, value, timeout=None)
        return value


def catch_up(found):
    """The lookup to go on with once the cache's generation accounts for every change the database
    counted: a change saved by a process that could not reach the cache starts a new generation here.
    What changed is unknown, so it counts as a withdrawal too."""
    if time.monotonic() < CacheDown.catch_up_paused_until:
        return found
    try:
        changes = ContentChange.objects.number()
    except DatabaseError:
        # The page's own queries meet the same failure, and the fallback answers.
        CacheDown.catch_up_paused_until = time.monotonic() + CACHE_RETRY_SECONDS
        return found
    CacheDown.caught_up = True
    if changes == found.synced:
        return found
    if bump_generation(withdrawal=True, database_changes=changes) is None:
        return found._replace(generation=None)
    return lookup(found.key)


class PageLookup(NamedTuple):
    """What one cache round trip told about a request's page."""

    key: str
    generation: int | None  # None when the cache cannot say
    entry: dict | None = None  # the stored page
    changed_at: int | None = None  # see content_changed_at
    next_change: tuple | None = None  # see schedule.known_schedule
    withdrawals: int | None = None  # the withdrawal count (None: unknown, so nothing is served stale)
    synced: int | None = None  # the database change count the generation accounts for
    changes: int | None = None  # the change count before the render (see tag_versions)
    current: bool = False  # the stored page's generation and tags are the current ones


# The page lookup of the anonymous request being answered: code run for it reuses what the lookup read
# instead of asking the cache again.
request_lookup = ContextVar("request_lookup", default=None)


def current_changes():
    """The content change count now (it moves with every change), or None when the cache cannot say."""
    if (known := request_lookup.get()) is not None and known.changes is not None:
        return known.changes
    if not CacheDown.available():
        return None
    try:
        return cache().get(CHANGES_KEY)
    except Exception as problem:
        CacheDown.failed(problem)
        return None


def carries_personal_number(request):
    """A NIK, KK or phone number typed into a search: such a page is kept nowhere, by nobody."""
    return query_has_personal_number(request.META.get("QUERY_STRING", ""))


def query_has_personal_number(query_string):
    return has_personal_number(unquote_plus(query_string))


def is_public_read(request):
    """A GET or HEAD that asks for no draft, carries no credentials and no personal number."""
    if request.method not in ("GET", "HEAD") or carries_personal_number(request):
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    return not any(param in request.GET for param in PREVIEW_PARAMS)


def is_anonymous_read(request):
    return is_public_read(request) and not has_live_session(request)


def is_public_response(response):
    """A response any visitor may be given: no cookies, not private, of a kind we keep."""
    if response.streaming or response.cookies or response.status_code not in STORABLE_STATUSES:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("no-store", "private", "no-cache")):
        return False
    vary = {header.strip().lower() for header in response.get("Vary", "").split(",") if header.strip()}
    if not vary <= set(KEYED_HEADERS):
        return False
    content_type = response.get("Content-Type", "").split(";")[0].strip()
    return response.status_code == 301 or content_type in STORABLE_TYPES


def is_storable(request, response):
    return is_public_response(response) and reads_every_param(request)


def page_key(environ):
    """The stored page's key, from the request as received (the WSGI environ, or request.META, which is
    the same): a differently spelt address is only another key, never another page's."""
    proxy_header = settings.SECURE_PROXY_SSL_HEADER[0] if settings.SECURE_PROXY_SSL_HEADER else ""
    parts = [
        environ.get("wsgi.url_scheme", ""),
        environ.get(proxy_header, ""),
        environ.get("HTTP_HOST") or f"{environ.get('SERVER_NAME', '')}:{environ.get('SERVER_PORT', '')}",
        environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", ""),
        environ.get("QUERY_STRING", ""),
        "gzip" if "gzip" in environ.get("HTTP_ACCEPT_ENCODING", "") else "identity",
        environ.get("HTTP_HX_REQUEST", ""),
        environ.get("HTTP_HX_HISTORY_RESTORE_REQUEST", ""),
    ]
    return PAGE_KEY_PREFIX + hashlib.md5("\n".join(parts).encode(), usedforsecurity=False).hexdigest()


def content_changed_at():
    """When public content last changed (whole seconds): a Last-Modified that stays the same from one
    rendering to the next, so If-Modified-Since earns a 304 until something changes."""
    if (known := request_lookup.get()) is not None and known.changed_at:
        return known.changed_at
    if not CacheDown.available():
        return time.time()
    try:
        changed_at = cache().get(CHANGED_AT_KEY)
        if changed_at is None:  # first page since the cache started: from now on, until content changes
            cache().add(CHANGED_AT_KEY, int(time.time()), timeout=None)
            changed_at = cache().get(CHANGED_AT_KEY)
        return changed_at or time.time()
    except Exception as problem:
        CacheDown.failed(problem)
        return time.time()


def lookup(key):
    """The generation, the stored page and what storing a new one needs, in one cache round trip."""
    counters = [GENERATION_KEY, CHANGES_KEY, WITHDRAWALS_KEY]
    try:
        found = cache().get_many([*counters, CHANGED_AT_KEY, NEXT_CHANGE_KEY, SYNCED_KEY, key])
        if any(found.get(counter) is None for counter in counters):
            # A new or emptied cache knows nothing of what changed before: start afresh, and serve
            # nothing rendered earlier even stale.
            if bump_generation(withdrawal=True) is None:
                return PageLookup(key, None)
            found.update(cache().get_many(counters))
        entry = found.get(key)
        current = bool(entry) and entry.get("generation") == found.get(GENERATION_KEY) and "tags" in entry
        current = current and tags_unchanged(entry["tags"])
    except Exception as problem:
        CacheDown.failed(problem)
        return PageLookup(key, None)
    return PageLookup(
        key,
        found.get(GENERATION_KEY),
        entry,
        found.get(CHANGED_AT_KEY),
        found.get(NEXT_CHANGE_KEY),
        found.get(WITHDRAWALS_KEY),
        found.get(SYNCED_KEY),
        found.get(CHANGES_KEY),
        current,
    )


def is_fresh(found, now):
    """The stored page may be served as it is: same generation, none of its tags moved, still fresh."""
    return found.current and found.generation is not None and now < found.entry["fresh_until"]


def stale_copy(found, now):
    """The outdated copy to serve while the database is down, or None.

    A withdrawal must never be undone by a cache: no copy rendered before the last one (or before a
    catch-up, which may hide one), and none past the first unpublish or expiry time it could show.
    """
    entry = found.entry
    if not entry or found.withdrawals is None or entry.get("withdrawals") != found.withdrawals:
        return None
    return entry if now < entry.get("stale_until", 0) else None
