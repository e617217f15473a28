"""Probes for load balancers and orchestrators: never cached, no session, no page cache."""

import sys
import time

from django.db import connection
from django.db.utils import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .page_cache.responses import maintenance_response
from .page_cache.store import cache


@never_cache
@require_GET
def healthz(request):
    """The process answers: no database, no cache."""
    return HttpResponse("ok\n", content_type="text/plain")


def database_status():
    try:
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return "ok"
    except Exception as problem:
        # A broken connection must not linger: the next request opens a fresh one.
        connection.close_if_unusable_or_obsolete()
        return f"error: {type(problem).__name__}"


def cache_status():
    try:
        cache().set("readyz", time.time(), timeout=10)
        return "ok" if cache().get("readyz") is not None else "error: value not kept"
    except Exception as problem:
        return f"error: {type(problem).__name__}"


@never_cache
@require_GET
def readyz(request):
    """Ready for traffic when the database answers. A broken cache is reported but does not take the
    server out of rotation: pages are then served straight from the database."""
    checks = {"database": database_status(), "cache": cache_status()}
    ready = checks["database"] == "ok"
    status = "ok" if ready and checks["cache"] == "ok" else ("degraded" if ready else "unavailable")
    return JsonResponse({"status": status, **checks}, status=200 if ready else 503)


def server_error(request):
    """handler500: a database outage outside a view (a staff session, say) still gets the friendly 503."""
    problem = sys.exc_info()[1]
    if isinstance(problem, (OperationalError, InterfaceError)):
        return maintenance_response(request)
    return defaults.server_error(request)
