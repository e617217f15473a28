from django.conf import settings
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from faq.models import Category, Clarification, Question
from programs.models import Budget, Program

from .search import engine
from .search.text import clean_query


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
    results = engine.search(query, page=request.GET.get("page"))
    page = results.page
    context = {
        "query": query,
        "page": page,
        "was_cut": len(request.GET.get("q", "")) > settings.SEARCH_MAX_QUERY_LENGTH,
        "categories": Category.objects.all() if query and not page.paginator.count else [],
    }
    # htmx swaps only the results; a normal request or a history restore gets the whole page.
    partial = request.htmx and not request.htmx.history_restore_request
    return render(request, "search/_results.html" if partial else "search/search.html", context)
