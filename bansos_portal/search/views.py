"""The search page, the suggestions while typing, and the count of opened results."""

from urllib.parse import quote

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from faq.models import Category

from . import engine, stats
from .models import SearchEntry
from .text import clean_query


@require_GET
@vary_on_headers("HX-Request")
def search(request):
    query = clean_query(request.GET.get("q"), settings.SEARCH_MAX_QUERY_LENGTH)
    kind = request.GET.get("jenis") if request.GET.get("jenis") in SearchEntry.Kind.values else None
    program = clean_query(request.GET.get("program"), 100) or None
    results = engine.search(query, kind=kind, program=program, page=request.GET.get("page"))
    # htmx swaps only the results; a normal request or a history restore gets the whole page.
    partial = request.htmx and not request.htmx.history_restore_request
    if not partial and results.page.number == 1:
        stats.record_search(query, results.total)
    context = {
        "query": query,
        "results": results,
        "page": results.page,
        "kind": kind,
        "program": program,
        "kinds": SearchEntry.Kind.choices,
        "was_cut": len(request.GET.get("q", "")) > settings.SEARCH_MAX_QUERY_LENGTH,
        "categories": Category.objects.all() if query and not results.total else [],
        "click_url": request.build_absolute_uri(f"{reverse('search_click')}?q={quote(query, safe='/')}"),
    }
    return render(request, "search/_results.html" if partial else "search/search.html", context)


@require_GET
def search_suggestions(request):
    query = clean_query(request.GET.get("q"), settings.SEARCH_MAX_QUERY_LENGTH)
    entries = engine.title_suggestions(query) if len(query) >= 2 else []
    return render(request, "search/_suggestions.html", {"query": query, "entries": entries})


@csrf_exempt
@require_POST
def search_click(request):
    """Counts that a result of a query was opened (sent by the browser's link `ping`)."""
    stats.record_click(clean_query(request.GET.get("q"), settings.SEARCH_MAX_QUERY_LENGTH))
    return HttpResponse(status=204)
