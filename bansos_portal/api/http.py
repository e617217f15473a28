"""HTTP manners every /api/v1/ address shares, written once in `read_only_json`: GET and HEAD only,
CORS for any origin, JSON errors, and conditional requests (If-None-Match answered with 304;
Last-Modified sent for information)."""

import copy
import hashlib
from functools import wraps

from django.http import HttpResponse, JsonResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.views.decorators.csrf import csrf_exempt

ALLOWED_METHODS = ("GET", "HEAD")
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    # A browser revalidating a cached answer sends these; they are not on CORS's safe list.
    "Access-Control-Allow-Headers": "If-None-Match, If-Modified-Since",
    "Access-Control-Expose-Headers": "ETag, Last-Modified",
    "Access-Control-Max-Age": "86400",
}
POST_CORS_HEADERS = {
    **CORS_HEADERS,
    "Access-Control-Allow-Methods": "POST, OPTIONS",
    "Access-Control-Allow-Headers": "Content-Type",
    "Access-Control-Expose-Headers": "",
}
# How long a client should wait before asking again while the database is unreachable.
RETRY_AFTER_SECONDS = 30


def json_response(data, status=200):
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def error(message, status=400):
    return json_response({"error": message}, status=status)


def unavailable(message):
    """A 503 that no cache keeps: the next request after the database is back gets real data."""
    response = error(message, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class ApiError(Exception):
    """Raised anywhere inside an API view to answer with a JSON error and a 4xx code."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.message, self.status = message, status


def set_last_modified(response, when):
    """Tells the newest edit behind an answer (information only: see `read_only_json`)."""
    if when:
        response["Last-Modified"] = http_date(when.timestamp())


def read_only_json(view):
    """Wraps a view that answers JSON: OPTIONS gets the CORS preflight, HEAD the GET's answer, a write
    the JSON 405; an answer that is no error gets its ETag (and 304s); every answer gets CORS headers.

    The API never writes, so it needs no CSRF token: a write from another site gets the JSON 405
    rather than the HTML page of a failed CSRF check."""

    @csrf_exempt
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "OPTIONS":
            return _with_cors(HttpResponse(status=204))
        if request.method not in ALLOWED_METHODS:
            response = error("Hanya GET yang didukung.", status=405)
            response["Allow"] = ", ".join(ALLOWED_METHODS)
            return _with_cors(response)
        try:
            response = view(_as_get(request), *args, **kwargs)
        except ApiError as problem:
            response = error(problem.message, status=problem.status)
        if response.status_code < 400:
            response = _revalidated(request, response)
        return _with_cors(response)

    return wrapped


def _as_get(request):
    # A HEAD is answered as the GET it mirrors (the server drops the body); the views route GET only.
    if request.method != "HEAD":
        return request
    as_get = copy.copy(request)
    as_get.method = "GET"
    return as_get


def _revalidated(request, response):
    # The body's hash: any change anywhere in the answer (a budget figure too) changes the ETag.
    response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
    # Revalidate every time, cheaply: never let a cache guess freshness from Last-Modified.
    patch_cache_control(response, public=True, no_cache=True)
    # 304s come from the ETag only. Last-Modified is the newest edit of the items shown, but some
    # figures in an answer (a budget row, a category's name, a related program's slug) carry no
    # edit time, so answering If-Modified-Since alone could hand out stale data.
    response = get_conditional_response(request, etag=response["ETag"], response=response)
    response.revalidate_by_etag_only = True  # tells the page-cache middleware the same
    return response


def json_post(view):
    """Wraps the one view that answers a POST (the pre-check): OPTIONS gets the CORS preflight, any other
    method the JSON 405; the answer is computed for this request alone, so no cache may keep it.

    It changes nothing on the server, so it needs no CSRF token (and sets no cookie)."""

    @csrf_exempt
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "OPTIONS":
            return _with_cors(HttpResponse(status=204), POST_CORS_HEADERS)
        if request.method != "POST":
            response = error("Hanya POST yang didukung.", status=405)
            response["Allow"] = "POST"
        else:
            try:
                response = view(request, *args, **kwargs)
            except ApiError as problem:
                response = error(problem.message, status=problem.status)
        response["Cache-Control"] = "no-store"
        return _with_cors(response, POST_CORS_HEADERS)

    return wrapped


def _with_cors(response, headers=CORS_HEADERS):
    for header, value in headers.items():
        response[header] = value
    return response
