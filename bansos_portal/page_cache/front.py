"""StoredPageFront: the WSGI front that answers fresh stored pages before Django builds a request."""

import time
from http.client import responses

from django.conf import settings

from .responses import entry_headers
from .store import (
    FRONT_LOOKUP,
    PREVIEW_PARAMS,
    CacheDown,
    is_fresh,
    lookup,
    page_key,
    query_has_personal_number,
)


class StoredPageFront:
    """WSGI front of the Django application: a fresh stored page goes out before Django builds a request.

    Cached pages are most of the traffic on the day news breaks, and Django's request, middleware and
    response objects were most of a hit's cost. Only the plainest request is answered here (an anonymous
    GET without conditional headers, preview parameters or personal numbers); anything else, and every
    miss, goes to Django, where PageCacheMiddleware applies the full rules and reuses this lookup.
    """

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        if settings.PAGE_CACHE_SECONDS and is_plain_anonymous_get(environ) and is_trusted_store():
            found = lookup(page_key(environ))
            now = time.time()
            if is_fresh(found, now):
                status = found.entry["status"]
                start_response(f"{status} {responses[status]}", entry_headers(found.entry, now, fresh=True))
                return [found.entry["content"]]
            environ[FRONT_LOOKUP] = found
        return self.application(environ, start_response)


def is_trusted_store():
    """The cache is up and known to account for every change the database counted (see `catch_up`,
    which PageCacheMiddleware runs on this process's first request and after the cache returns)."""
    return CacheDown.available() and CacheDown.caught_up


def is_plain_anonymous_get(environ):
    """Stricter than `is_anonymous_read` (any doubt goes to Django): a GET with no session cookie, no
    credentials, no conditional header, no preview parameter and no personal number."""
    query = environ.get("QUERY_STRING", "")
    return (
        environ.get("REQUEST_METHOD") == "GET"
        and "HTTP_AUTHORIZATION" not in environ
        and settings.SESSION_COOKIE_NAME not in environ.get("HTTP_COOKIE", "")
        and not any(name.startswith("HTTP_IF_") for name in environ)
        and not any(param in query for param in PREVIEW_PARAMS)
        and not query_has_personal_number(query)
    )
