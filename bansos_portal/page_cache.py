"""Whole-response cache for anonymous pages that never shows stale facts.

Each stored page carries the content *generation* it was rendered in. Any save or delete of a content
model bumps the generation (see `invalidation.py`), so the next request renders afresh; and a page's
freshness never crosses the next scheduled publish, unpublish or expiry time of any item, so a page
scheduled for 08:00 shows at 08:00:01 with no background job. An outdated copy stays stored a while
longer: it is served only when the database is down (stale-if-error).

Hits skip every other middleware and the view: one cache round trip (generation and page together).
The cache is shared (Redis in production), so every app server sees the same generation. When the
cache itself fails the site serves from the database, and retries the cache after a short pause.
"""

import hashlib
import logging
import time
from urllib.parse import unquote_plus

from django.conf import settings
from django.core.cache import caches
from django.db import connections
from django.db.utils import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, parse_http_date_safe

from .schedule import next_scheduled_change
from .search.stats import LONG_NUMBER

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
CHANGED_AT_KEY = "pagecache:changed-at"
PAGE_KEY_PREFIX = "pagecache:page:"
NEXT_CHANGE_KEY_PREFIX = "pagecache:next:"
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


def cache():
    return caches[settings.PAGE_CACHE_ALIAS]


class CacheDown:
    """Remembers, per process, that the cache failed, so a dead Redis costs one error per pause."""

    down_until = 0.0
    missed_invalidation = False

    @classmethod
    def available(cls):
        if cls.down_until and time.monotonic() >= cls.down_until:
            cls.down_until = 0.0
            if cls.missed_invalidation:
                # Content may have changed while we could not say so: start a new generation.
                cls.missed_invalidation = not bump_generation()
        return not cls.down_until

    @classmethod
    def failed(cls, problem):
        logger.warning("Page cache unavailable, serving from the database: %s", problem)
        cls.down_until = time.monotonic() + CACHE_RETRY_SECONDS


def bump_generation():
    """Start a new content generation: every stored page becomes outdated. True if it worked."""
    try:
        try:
            cache().incr(GENERATION_KEY)
        except ValueError:  # no generation yet (or evicted): start from the clock, never reusing a number
            cache().set(GENERATION_KEY, time.time_ns(), timeout=None)
        cache().set(CHANGED_AT_KEY, int(time.time()), timeout=None)
        return True
    except Exception as problem:
        CacheDown.failed(problem)
        CacheDown.missed_invalidation = True
        return False


def carries_personal_number(request):
    """A NIK, KK or phone number typed into a search: such a page is kept nowhere, by nobody."""
    return bool(LONG_NUMBER.search(unquote_plus(request.META.get("QUERY_STRING", ""))))


def is_anonymous_read(request):
    if request.method not in ("GET", "HEAD") or carries_personal_number(request):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "HTTP_AUTHORIZATION" in request.META:
        return False
    return not any(param in request.GET for param in PREVIEW_PARAMS)


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


def page_key(request):
    encoding = "gzip" if "gzip" in request.headers.get("Accept-Encoding", "") else "identity"
    parts = [
        request.scheme,
        request.get_host(),
        request.get_full_path(),
        encoding,
        request.headers.get("HX-Request", ""),
        request.headers.get("HX-History-Restore-Request", ""),
    ]
    return PAGE_KEY_PREFIX + hashlib.md5("\n".join(parts).encode(), usedforsecurity=False).hexdigest()


def public_cache_control(response, max_age):
    patch_cache_control(
        response,
        public=True,
        max_age=max(0, int(max_age)),
        stale_while_revalidate=settings.PAGE_CACHE_STALE_WHILE_REVALIDATE,
        stale_if_error=settings.PAGE_CACHE_STALE_IF_ERROR,
    )


class HttpCachingMiddleware:
    """Marks anonymous public responses cacheable by browsers, CDNs and nginx, with an ETag.

    Sits inside GZipMiddleware, so the ETag is taken from the uncompressed page and stays the same
    for every rendering of the same content (gzip only weakens it).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if carries_personal_number(request):
            response["Cache-Control"] = "no-store"
            return response
        if not is_anonymous_read(request) or not is_public_response(response):
            return response
        if "Cache-Control" not in response:
            public_cache_control(response, settings.PAGE_CACHE_MAX_AGE)
        if not response.has_header("ETag") and response.status_code == 200:
            response["ETag"] = f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'
        if not response.has_header("Last-Modified"):
            response["Last-Modified"] = http_date(content_changed_at())
        return response


def content_changed_at():
    """When public content last changed (whole seconds): a Last-Modified that stays the same from one
    rendering to the next, so If-Modified-Since earns a 304 until something changes."""
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


class PageCacheMiddleware:
    """Outermost middleware: serves stored anonymous pages, stores new ones, answers 304s."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_anonymous_read(request):
            return self.get_response(request)
        if not settings.PAGE_CACHE_SECONDS or not CacheDown.available():
            return conditional(request, self.get_response(request))
        key = page_key(request)
        generation, entry = self.lookup(key)
        now = time.time()
        if entry and entry["generation"] == generation and now < entry["fresh_until"]:
            return conditional(request, from_entry(entry, now, fresh=True))
        request._stale_page = entry
        response = self.get_response(request)
        if generation is not None and is_public_response(response) and not getattr(response, "is_fallback", False):
            self.store(key, generation, response, now)
        return conditional(request, response)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        logger.error("Database unavailable for %s: %s", request.path, exception)
        # Drop a broken connection now, so the request after the database returns gets a fresh one.
        for conn in connections.all(initialized_only=True):
            conn.close_if_unusable_or_obsolete()
        stale = getattr(request, "_stale_page", None)
        response = from_entry(stale, time.time(), fresh=False) if stale else maintenance_response(request)
        response.is_fallback = True
        return response

    def lookup(self, key):
        try:
            found = cache().get_many([GENERATION_KEY, key])
        except Exception as problem:
            CacheDown.failed(problem)
            return None, None
        generation = found.get(GENERATION_KEY)
        if generation is None and bump_generation():
            generation = cache().get(GENERATION_KEY)
        return generation, found.get(key)

    def store(self, key, generation, response, now):
        try:
            fresh_until = min(now + settings.PAGE_CACHE_SECONDS, self.next_change(generation, now))
            public_cache_control(response, min(settings.PAGE_CACHE_MAX_AGE, fresh_until - now))
            entry = {
                "generation": generation,
                "fresh_until": fresh_until,
                "status": response.status_code,
                "headers": dict(response.items()),
                "content": response.content,
            }
            cache().set(key, entry, timeout=settings.PAGE_CACHE_SECONDS + settings.PAGE_CACHE_STALE_IF_ERROR)
        except Exception as problem:
            CacheDown.failed(problem)

    def next_change(self, generation, now):
        """When the next item is scheduled to appear or disappear, computed once per generation."""
        key = f"{NEXT_CHANGE_KEY_PREFIX}{generation}"
        known = cache().get(key)
        if known is None or known <= now:
            known = next_scheduled_change(now)
            cache().set(key, known, timeout=settings.PAGE_CACHE_SECONDS)
        return known


def from_entry(entry, now, fresh):
    response = HttpResponse(entry["content"], status=entry["status"])
    for name, value in entry["headers"].items():
        response[name] = value
    del response["Cache-Control"]
    if fresh:
        public_cache_control(response, min(settings.PAGE_CACHE_MAX_AGE, entry["fresh_until"] - now))
    else:
        # Served only because the database is down: nobody downstream should keep it.
        response["Cache-Control"] = "no-cache"
    return response


def conditional(request, response):
    if request.method == "HEAD":
        response["Content-Length"] = str(len(response.content))
        response.content = b""
    if response.status_code != 200 or not response.has_header("ETag"):
        return response
    last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
    if getattr(response, "revalidate_by_etag_only", False):
        last_modified = None  # the view knows its Last-Modified does not cover every figure shown
    return get_conditional_response(request, etag=response["ETag"], last_modified=last_modified, response=response)


def maintenance_response(request):
    """A friendly 503 that needs no database."""
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = "30"
    response["Cache-Control"] = "no-store"
    return response
