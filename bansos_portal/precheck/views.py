"""«Cek bantuan untuk keluarga saya»: a few questions, the programs that may fit, nothing kept.

Nothing is stored, logged, cached or set as a cookie: the answers travel in a POST body (not in an
address a log or the page cache would keep), the page is never_cache, and no session, message or CSRF
token is touched."""

from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from django.views.decorators.vary import vary_on_headers

from bansos_portal.two_factor import allowance_spent

from .forms import PrecheckForm
from .models import ProgramRule
from .rules import DISCLAIMER, LIKELY, MAYBE, check

REQUESTS_PER_MINUTE = 30
WINDOW_SECONDS = 60
RATE_KEY_PREFIX = "precheck-rate:"


def over_rate_limit(request):
    """Counts this client's checks under a keyed hash of its network, never its address."""
    return allowance_spent(request, RATE_KEY_PREFIX, limit=REQUESTS_PER_MINUTE, window=WINDOW_SECONDS)


def _context(request):
    form = PrecheckForm(request.POST or None)
    results = []
    if form.is_valid():
        results = check(ProgramRule.objects.for_precheck(), form.answers())
    return {
        "form": form,
        "results": results,
        "matching": [result for result in results if result.verdict in (LIKELY, MAYBE)],
        "disclaimer": DISCLAIMER,
    }


def _refused(request):
    response = render(request, "precheck/rate_limited.html", status=429)
    response["Retry-After"] = str(WINDOW_SECONDS)
    return response


# No CSRF token: the check changes nothing on the server, and a token would set a cookie.
@csrf_exempt
@never_cache
@vary_on_headers("HX-Request")
@require_http_methods(["GET", "POST"])
def precheck(request):
    if request.method == "POST" and over_rate_limit(request):
        return _refused(request)
    # htmx swaps only the result as answers change; a normal request gets the whole page.
    template = "precheck/_result.html" if request.htmx else "precheck/precheck.html"
    return render(request, template, _context(request))


# The same answers on one A4 page to take to the village office: no CSRF token for the reason above.
@csrf_exempt
@never_cache
@require_http_methods(["POST"])
def printable(request):
    if over_rate_limit(request):
        return _refused(request)
    return render(request, "precheck/printable.html", _context(request))
