"""Which requests may share stored pages: who is signed in, and which addresses are worth keeping."""

from importlib import import_module

from django.conf import settings
from django.db import DatabaseError

# Set on a request once its session cookie has been checked (see check_session).
LIVE_SESSION = "_page_cache_live_session"


def check_session(request):
    """Look up, once, whether the request's session cookie names a live session.

    Only the page store asks (one primary-key query, only when the cookie is there): a made-up or
    ended session's cookie is then dropped from the request, which is answered like any visitor's,
    from the store when the page is there, else rendered and stored for everyone. Everywhere else a
    session cookie counts as signed in, as it always did.
    """
    session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if session_key is None or hasattr(request, LIVE_SESSION):
        return
    live = names_live_session(session_key)
    setattr(request, LIVE_SESSION, live)
    if not live:
        del request.COOKIES[settings.SESSION_COOKIE_NAME]


def names_live_session(session_key):
    try:
        return bool(import_module(settings.SESSION_ENGINE).SessionStore(session_key).load())
    except DatabaseError:
        return True  # cannot tell: treat it as a signed-in visitor, who never gets a stored page


def has_live_session(request):
    if hasattr(request, LIVE_SESSION):
        return getattr(request, LIVE_SESSION)
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def reads_every_param(request):
    """Whether the page reads each query parameter given (settings.PAGE_CACHE_QUERY_PARAMS).

    The page does not act on any other parameter (its links may still copy it), yet each made-up one
    would be another copy to keep: such an address is answered, and kept by no cache.
    """
    match = request.resolver_match
    allowed = settings.PAGE_CACHE_QUERY_PARAMS.get(match.view_name if match else None, ())
    return all(name in allowed for name in request.GET)
