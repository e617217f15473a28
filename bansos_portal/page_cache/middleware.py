"""The two page-cache middlewares: HTTP caching headers for anonymous public responses, and the page
store in front of every view (answers stored pages, stores new ones, falls back when the database fails)."""

import hashlib
import logging
import time

from django.conf import settings
from django.db import connections
from django.db.utils import InterfaceError, OperationalError
from django.utils.cache import patch_cache_control
from django.utils.http import http_date

from .purge import remember_paths
from .responses import conditional, from_entry, maintenance_response, public_cache_control
from .schedule import known_schedule
from .store import (
    FRONT_LOOKUP,
    CacheDown,
    cache,
    carries_personal_number,
    catch_up,
    content_changed_at,
    is_anonymous_read,
    is_fresh,
    is_public_read,
    is_public_response,
    is_storable,
    lookup,
    page_key,
    request_lookup,
    stale_copy,
    tag_versions,
)
from .tags import recording
from .visitors import check_session, reads_every_param

logger = logging.getLogger(__name__)


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
        if not reads_every_param(request):
            patch_cache_control(response, private=True)  # nginx and CDNs key by the whole address too
            return response
        if "Cache-Control" not in response:
            public_cache_control(response, settings.PAGE_CACHE_MAX_AGE)
        if not response.has_header("ETag") and response.status_code == 200:
            response["ETag"] = f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'
        if not response.has_header("Last-Modified"):
            response["Last-Modified"] = http_date(content_changed_at())
        return response


class PageCacheMiddleware:
    """Outermost middleware: serves stored anonymous pages, stores new ones, answers 304s."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        store_on = settings.PAGE_CACHE_SECONDS and CacheDown.available()
        if store_on and is_public_read(request):
            check_session(request)
        if not is_anonymous_read(request):
            return self.get_response(request)
        if not store_on:
            return conditional(request, self.get_response(request))
        now = time.time()
        found = self.look_up(request, now)
        if is_fresh(found, now):
            return conditional(request, from_entry(found.entry, now, fresh=True))
        request._page_lookup = found
        token = request_lookup.set(found)
        try:
            with recording() as reads:
                response = self.get_response(request)
        finally:
            request_lookup.reset(token)
        if (
            found.generation is not None
            and is_storable(request, response)
            and not getattr(response, "is_fallback", False)
        ):
            self.store(found, response, now, reads, request.get_full_path())
        return conditional(request, response)

    def look_up(self, request, now):
        found = request.META.pop(FRONT_LOOKUP, None) or lookup(page_key(request.META))
        if found.generation is None or (CacheDown.caught_up and is_fresh(found, now)):
            return found
        # A miss reads the database anyway: one small query more. A hit only until this process caught up.
        return catch_up(found)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        logger.error("Database unavailable for %s: %s", request.path, exception)
        # Drop a broken connection now, so the request after the database returns gets a fresh one.
        for conn in connections.all(initialized_only=True):
            conn.close_if_unusable_or_obsolete()
        now = time.time()
        found = getattr(request, "_page_lookup", None)
        stale = stale_copy(found, now) if found else None
        response = from_entry(stale, now, fresh=False) if stale else maintenance_response(request)
        response.is_fallback = True
        return response

    def store(self, found, response, now, reads, path):
        try:
            versions = tag_versions(reads, found.changes)
            if versions is None:
                return  # content changed while this page rendered: the next request renders it again
            schedule = known_schedule(found, now)
            fresh_until = min(now + settings.PAGE_CACHE_SECONDS, schedule.change)
            public_cache_control(response, min(settings.PAGE_CACHE_MAX_AGE, fresh_until - now))
            entry = {
                "generation": found.generation,
                "tags": versions,
                "fresh_until": fresh_until,
                "withdrawals": found.withdrawals,
                "stale_until": min(now + settings.PAGE_CACHE_KEEP_STALE_SECONDS, schedule.withdrawal),
                "status": response.status_code,
                "headers": dict(response.items()),
                "content": response.content,
            }
            timeout = settings.PAGE_CACHE_SECONDS + settings.PAGE_CACHE_KEEP_STALE_SECONDS
            cache().set(found.key, entry, timeout=timeout)
            remember_paths(reads, path)
        except Exception as problem:
            CacheDown.failed(problem)
