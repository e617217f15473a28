"""What keeps the anonymous feedback endpoint honest without a cookie or a per-visitor token.

The form sits on cached public pages, identical for every visitor, so there is no CSRF token to check.
Instead: the browser must say the form came from our own site (Origin, else Referer), a field people never
see must stay empty, and each client may send only so many votes per hour. The client is counted by a
keyed hash of its network (two_factor.client_key, the one django-axes uses), never by its address.
"""

import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache

from bansos_portal.two_factor import client_key

logger = logging.getLogger(__name__)

HONEYPOT_FIELD = "situs"
RATE_LIMIT = 20
RATE_WINDOW_SECONDS = 60 * 60
RATE_KEY_PREFIX = "feedback:rate:"


def is_same_site(request):
    """The POST came from a page of this site: its Origin (or, from older browsers, its Referer) is ours."""
    source = request.headers.get("Origin") or request.headers.get("Referer") or ""
    parts = urlsplit(source)
    if not parts.scheme or not parts.netloc:
        return False
    origin = f"{parts.scheme}://{parts.netloc}"
    return origin == f"{request.scheme}://{request.get_host()}" or origin in settings.CSRF_TRUSTED_ORIGINS


def is_bot(data):
    return bool(data.get(HONEYPOT_FIELD, "").strip())


def rate_key(request):
    # Clients whose address cannot be read share one allowance rather than having none.
    return RATE_KEY_PREFIX + (client_key(request) or "unknown")


def over_rate_limit(request):
    """Counts this request against its client's hourly allowance; True once the allowance is spent.
    A cache that fails lets the vote through: losing a count costs less than losing every vote."""
    key = rate_key(request)
    try:
        cache.add(key, 0, timeout=RATE_WINDOW_SECONDS)
        return cache.incr(key) > RATE_LIMIT
    except Exception as problem:
        logger.warning("Feedback rate limit unavailable: %s", type(problem).__name__)
        return False
