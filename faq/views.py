from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from .models import Category, Clarification, Question


@require_GET
def question_list(request):
    categories = Category.objects.with_published_questions()
    return render(request, "faq/question_list.html", {"categories": categories})


@require_GET
def category_detail(request, slug):
    category = get_object_or_404(Category, slug=slug)
    questions = category.questions.published().only("slug", "question", "category_id")
    context = {"category": category, "questions": questions, "categories": Category.objects.all()}
    return render(request, "faq/category_detail.html", context)


@require_GET
def question_detail(request, slug):
    question = get_object_or_404(Question.objects.published().select_related("category"), slug=slug)
    return render_question(request, question)


def render_question(request, question, preview=None):
    """The answer page; also used, with `preview`, for drafts shown to staff and signed links."""
    context = {
        "preview": preview,
        "question": question,
        "related": question.related.published().only("slug", "question"),
        "programs": question.programs.published().only("slug", "name", "acronym"),
    }
    return render(request, "faq/question_detail.html", context)


@require_GET
def clarification_list(request):
    clarifications = Clarification.objects.published().for_list()
    page = Paginator(clarifications, per_page=20).get_page(request.GET.get("page"))
    return render(request, "faq/clarification_list.html", {"page": page})


@require_GET
def clarification_detail(request, slug):
    clarification = get_object_or_404(Clarification.objects.published(), slug=slug)
    return render_clarification(request, clarification)


def render_clarification(request, clarification, preview=None):
    """The clarification page; also used, with `preview`, for drafts shown to staff and signed links."""
    context = {
        "preview": preview,
        "clarification": clarification,
        "sources": clarification.sources.all(),
        "programs": clarification.programs.published().only("slug", "name", "acronym"),
    }
    return render(request, "faq/clarification_detail.html", context)
