from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from faq.models import Category, Clarification, Question
from programs.models import Budget, Program

from .models import SearchEntry
from .search.highlight import mark, snippet
from .search.text import clean_query, query_terms

RESULTS_PER_PAGE = 10


@require_GET
def home(request):
    context = {
        "programs": Program.objects.published().for_list(),
        "questions": Question.objects.published().for_list()[:6],
        "clarifications": Clarification.objects.published().only("slug", "claim", "verdict", "date")[:3],
        "budgets": Budget.objects.ministry_wide().order_by("-year", "label")[:1],
    }
    return render(request, "home.html", context)


@require_GET
def favicon(request):
    # Browsers ask for /favicon.ico on every page, the admin's included.
    return redirect(static("img/favicon.svg"), permanent=True)


@require_GET
@vary_on_headers("HX-Request")
def search(request):
    query = clean_query(request.GET.get("q"), settings.SEARCH_MAX_QUERY_LENGTH)
    page = Paginator(SearchEntry.objects.search(query), RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    terms = set(query_terms(query))
    for entry in page:
        entry.title_html = mark(entry.title, terms)
        entry.snippet_html = snippet(f"{entry.summary} {entry.body}", terms)
    context = {
        "query": query,
        "page": page,
        "was_cut": len(request.GET.get("q", "")) > settings.SEARCH_MAX_QUERY_LENGTH,
        "categories": Category.objects.all() if query and not page.paginator.count else [],
    }
    # htmx swaps only the results; a normal request or a history restore gets the whole page.
    partial = request.htmx and not request.htmx.history_restore_request
    return render(request, "search/_results.html" if partial else "search/search.html", context)
