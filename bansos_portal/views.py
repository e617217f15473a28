"""The home page and the favicon; every other page belongs to its app or wing."""

from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_GET

from faq.models import Clarification, Question
from programs.models import Budget, Program

# The answer the home page's «Cara mendaftar» task opens; the program list when it is not published.
REGISTRATION_ANSWER = "cara-daftar-bansos-lewat-desa-atau-kelurahan"


@require_GET
def home(request):
    registration = Question.objects.published().filter(slug=REGISTRATION_ANSWER).only("slug").first()
    context = {
        "registration_url": registration.get_absolute_url() if registration else reverse("programs:list"),
        "programs": Program.objects.published().for_list(),
        "questions": Question.objects.published().for_list()[:6],
        "clarifications": Clarification.objects.published().for_list()[:3],
        # Read where the highlight first uses it, after the fact checks: the kept parts above don't depend on it.
        "budgets": SimpleLazyObject(lambda: Budget.objects.ministry_wide().best_per_year()[-1:]),
    }
    return render(request, "home.html", context)


@require_GET
def favicon(request):
    # Browsers ask for /favicon.ico on every page, the admin's included.
    return redirect(static("img/favicon.svg"), permanent=True)
