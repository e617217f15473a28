"""The HTTP side of stored pages: their Cache-Control, a response rebuilt from a stored entry, conditional
requests (304) and HEAD, and the 503 page shown when neither the database nor a stale copy can answer."""

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import parse_http_date_safe


def cache_control_value(max_age):
    """Cache-Control of a fresh stored page (what `public_cache_control` gives a response without one)."""
    return (
        f"public, max-age={max(0, int(max_age))}, "
        f"stale-while-revalidate={settings.PAGE_CACHE_STALE_WHILE_REVALIDATE}, "
        f"stale-if-error={settings.PAGE_CACHE_STALE_IF_ERROR}"
    )


def public_cache_control(response, max_age):
    patch_cache_control(
        response,
        public=True,
        max_age=max(0, int(max_age)),
        stale_while_revalidate=settings.PAGE_CACHE_STALE_WHILE_REVALIDATE,
        stale_if_error=settings.PAGE_CACHE_STALE_IF_ERROR,
    )


def entry_headers(entry, now, fresh):
    """The stored headers, with Cache-Control for what is left of the page's freshness. A stale copy is
    served only because the database is down: nobody downstream should keep it."""
    max_age = min(settings.PAGE_CACHE_MAX_AGE, entry["fresh_until"] - now)
    cache_control = cache_control_value(max_age) if fresh else "no-cache"
    kept = [(name, value) for name, value in entry["headers"].items() if name != "Cache-Control"]
    return [*kept, ("Cache-Control", cache_control)]


def from_entry(entry, now, fresh):
    return HttpResponse(entry["content"], status=entry["status"], headers=dict(entry_headers(entry, now, fresh)))


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
