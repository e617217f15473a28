"""What keeps the anonymous feedback endpoint honest without a cookie or a per-visitor token.

The form sits on cached public pages, identical for every visitor, so there is no CSRF token to check.
Instead: the browser must say the form came from our own site (Origin, else Referer), a field people never
see must stay empty, and each client may send only so many votes per hour. The client is counted by a
keyed hash of its network (two_factor.allowance_spent, counted like django-axes counts clients), never by its address.
"""

from urllib.parse import urlsplit

from django.conf import settings

from bansos_portal.two_factor import allowance_spent

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


def over_rate_limit(request):
    """Counts this vote against its client's hourly allowance; True once the allowance is spent."""
    return allowance_spent(request, RATE_KEY_PREFIX, limit=RATE_LIMIT, window=RATE_WINDOW_SECONDS)
