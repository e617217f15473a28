"""The home page and the favicon; every other page belongs to its app or wing."""

from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.http import require_GET

from faq.models import Clarification, Question
from programs.models import Budget, Program


@require_GET
def home(request):
    context = {
        "programs": Program.objects.published().for_list(),
        "questions": Question.objects.published().for_list()[:6],
        "clarifications": Clarification.objects.published().for_list()[:3],
        "budgets": Budget.objects.ministry_wide().best_per_year()[-1:],
    }
    return render(request, "home.html", context)


@require_GET
def favicon(request):
    # Browsers ask for /favicon.ico on every page, the admin's included.
    return redirect(static("img/favicon.svg"), permanent=True)
