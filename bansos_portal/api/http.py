"""HTTP manners every /api/v1/ endpoint shares: GET only, CORS for any origin, JSON errors,
and conditional requests (If-None-Match answered with 304; Last-Modified sent for information)."""

import hashlib
from functools import wraps

from django.http import HttpResponse, JsonResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

ALLOWED_METHODS = ("GET", "HEAD")
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    # A browser revalidating a cached answer sends these; they are not on CORS's safe list.
    "Access-Control-Allow-Headers": "If-None-Match, If-Modified-Since",
    "Access-Control-Expose-Headers": "ETag, Last-Modified",
    "Access-Control-Max-Age": "86400",
}


def json_response(data, status=200):
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


def error(message, status=400):
    return json_response({"error": message}, status=status)


class ApiError(Exception):
    """Raised anywhere inside an API view to answer with a JSON error and a 4xx code."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.message, self.status = message, status


def _with_cors(response):
    for header, value in CORS_HEADERS.items():
        response[header] = value
    return response


def read_only_json(view):
    """Wraps a view that returns a JsonResponse (optionally with `.last_modified`, a datetime)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "OPTIONS":
            return _with_cors(HttpResponse(status=204))
        if request.method not in ALLOWED_METHODS:
            response = error("Hanya GET yang didukung.", status=405)
            response["Allow"] = ", ".join(ALLOWED_METHODS)
            return _with_cors(response)
        try:
            response = view(request, *args, **kwargs)
        except ApiError as problem:
            return _with_cors(error(problem.message, status=problem.status))
        # The body's hash: any change anywhere in the answer (a budget figure too) changes the ETag.
        response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
        last_modified = getattr(response, "last_modified", None)
        if last_modified:
            response["Last-Modified"] = http_date(last_modified.timestamp())
        # Revalidate every time, cheaply: never let a cache guess freshness from Last-Modified.
        patch_cache_control(response, public=True, no_cache=True)
        # 304s come from the ETag only. Last-Modified is the newest edit of the items shown, but some
        # figures in an answer (a budget row, a category's name, a related program's slug) carry no
        # edit time, so answering If-Modified-Since alone could hand out stale data.
        response = get_conditional_response(request, etag=response["ETag"], response=response)
        response.revalidate_by_etag_only = True  # tells the page-cache middleware the same
        return _with_cors(response)

    return wrapped
