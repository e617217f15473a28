"""Read-only JSON of the published content under /api/v1/: programs, FAQ, clarifications, budgets.

Documented in api_openapi.py; the tests check every answer against that document."""

import re

from django.core.paginator import EmptyPage, Paginator
from django.db.models import Count, Prefetch, Q
from django.http import HttpResponsePermanentRedirect
from django.urls import resolve, reverse

from faq.models import Category, Clarification, Question
from programs.models import SECTIONS, Budget, Program

from .http import ApiError, json_response, read_only_json

SLUG = re.compile(r"[-a-zA-Z0-9_]{1,200}")
PER_PAGE = 20
MAX_PER_PAGE = 100


def _positive_int(request, name, default, maximum=None):
    raw = request.GET.get(name)
    if raw in (None, ""):
        return default
    # isascii: "²" and other Unicode digits pass isdigit() but not int().
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 9 or int(raw) < 1 or (maximum and int(raw) > maximum):
        limit = f" sampai {maximum}" if maximum else " atau lebih"
        raise ApiError(f"{name} harus bilangan bulat 1{limit}.")
    return int(raw)


def _page_url(request, number):
    query = request.GET.copy()
    query["page"] = number
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def paginated(request, queryset, serialise):
    limit = _positive_int(request, "limit", PER_PAGE, MAX_PER_PAGE)
    paginator = Paginator(queryset, limit)
    try:
        page = paginator.page(_positive_int(request, "page", 1))
    except EmptyPage:
        raise ApiError(f"Halaman tidak ada; jumlah halaman {paginator.num_pages}.", status=404) from None
    items = list(page.object_list)
    response = json_response(
        {
            "count": paginator.count,
            "page": page.number,
            "pages": paginator.num_pages,
            "next": _page_url(request, page.next_page_number()) if page.has_next() else None,
            "previous": _page_url(request, page.previous_page_number()) if page.has_previous() else None,
            "results": [serialise(request, item) for item in items],
        }
    )
    response.last_modified = max((item.updated_at for item in items if hasattr(item, "updated_at")), default=None)
    return response


def _published_slug(request, name, queryset):
    slug = request.GET.get(name, "")
    # Checked before the database sees it: PostgreSQL refuses NUL bytes in text with an error, not a miss.
    if slug and (not SLUG.fullmatch(slug) or not queryset.filter(slug=slug).exists()):
        raise ApiError(f"{name} {slug[:100]!r} tidak dikenal.")
    return slug


# Serialisers: plain dicts with absolute URLs, keys as in the OpenAPI document.


def component_data(component):
    return {
        "name": component.name,
        "amount": component.amount,
        "period": component.period,
        "period_label": component.get_period_display(),
        "year": component.year,
        "note": component.note,
    }


def budget_data(budget):
    return {
        "year": budget.year,
        "program": budget.program.slug if budget.program_id else None,
        "label": budget.label,
        "label_display": budget.get_label_display(),
        "allocation": budget.allocation,
        "realisation": budget.realisation,
        "beneficiaries": budget.beneficiaries,
        "source": budget.source,
        "source_url": budget.source_url,
    }


def source_data(source):
    return {"title": source.title, "url": source.url}


def program_data(request, program):
    absolute = request.build_absolute_uri
    return {
        "slug": program.slug,
        "name": program.name,
        "acronym": program.acronym,
        "summary": program.summary,
        "agency": program.agency,
        "url": absolute(program.get_absolute_url()),
        "api_url": absolute(reverse("api_program", args=[program.slug])),
        "published_at": program.published_at.isoformat(),
        "updated_at": program.updated_at.isoformat(),
        "components": [component_data(component) for component in program.components.all()],
        "budgets": [budget_data(budget) for budget in program.budgets.all()],
    }


def program_detail_data(request, program):
    absolute = request.build_absolute_uri
    url = program.get_absolute_url()
    return {
        **program_data(request, program),
        "sections": [
            {"anchor": anchor, "heading": heading, "url": absolute(f"{url}#{anchor}"), "html": html}
            for anchor, heading, html in program.sections()
        ],
        "sources": [source_data(source) for source in program.sources.all()],
        "embed_url": absolute(reverse("links:embed_program", args=[program.slug])),
        "leaflet_url": absolute(reverse("links:leaflet", args=[program.slug])),
        "feed_url": absolute(reverse("links:program_feed", args=[program.slug])),
    }


def category_data(request, category):
    return {
        "slug": category.slug,
        "name": category.name,
        "description": category.description,
        "url": request.build_absolute_uri(category.get_absolute_url()),
        "question_count": category.question_count,
    }


def question_data(request, question):
    absolute = request.build_absolute_uri
    return {
        "slug": question.slug,
        "question": question.question,
        "answer_html": question.answer_html,
        "category": question.category.slug,
        "programs": [program.slug for program in question.public_programs],
        "url": absolute(question.get_absolute_url()),
        "embed_url": absolute(reverse("links:embed_question", args=[question.slug])),
        "published_at": question.published_at.isoformat(),
        "updated_at": question.updated_at.isoformat(),
    }


def clarification_data(request, clarification):
    return {
        "slug": clarification.slug,
        "claim": clarification.claim,
        "verdict": clarification.verdict,
        "verdict_label": clarification.get_verdict_display(),
        "explanation_html": clarification.explanation_html,
        "date": clarification.date.isoformat(),
        "programs": [program.slug for program in clarification.public_programs],
        "sources": [source_data(source) for source in clarification.sources.all()],
        "url": request.build_absolute_uri(clarification.get_absolute_url()),
        "published_at": clarification.published_at.isoformat(),
        "updated_at": clarification.updated_at.isoformat(),
    }


# Views


def _programs():
    return Program.objects.published().prefetch_related("components", "budgets")


def _public_programs_prefetch():
    return Prefetch("programs", queryset=Program.objects.published().only("slug"), to_attr="public_programs")


@read_only_json
def programs(request):
    return paginated(request, _programs(), program_data)


@read_only_json
def program(request, slug):
    found = _programs().prefetch_related("sources").filter(slug=slug).first()
    if found is None:
        raise ApiError(f"Program {slug!r} tidak ada atau tidak diterbitkan.", status=404)
    response = json_response(program_detail_data(request, found))
    response.last_modified = found.updated_at
    return response


@read_only_json
def categories(request):
    published = Q(questions__in=Question.objects.published())
    queryset = Category.objects.annotate(question_count=Count("questions", filter=published, distinct=True))
    return paginated(request, queryset.filter(question_count__gt=0).order_by("order", "name"), category_data)


@read_only_json
def questions(request):
    category = _published_slug(request, "category", Category.objects.all())
    program_slug = _published_slug(request, "program", Program.objects.published())
    queryset = Question.objects.published().select_related("category").prefetch_related(_public_programs_prefetch())
    if category:
        queryset = queryset.filter(category__slug=category)
    if program_slug:
        queryset = queryset.filter(programs__slug=program_slug)
    return paginated(request, queryset, question_data)


@read_only_json
def clarifications(request):
    program_slug = _published_slug(request, "program", Program.objects.published())
    queryset = Clarification.objects.published().prefetch_related(_public_programs_prefetch(), "sources")
    if program_slug:
        queryset = queryset.filter(programs__slug=program_slug)
    return paginated(request, queryset, clarification_data)


@read_only_json
def budgets(request):
    program_slug = _published_slug(request, "program", Program.objects.published())
    year = _positive_int(request, "year", None, maximum=9999)
    queryset = Budget.objects.public().select_related("program")
    if program_slug:
        queryset = queryset.filter(program__slug=program_slug)
    if year:
        queryset = queryset.filter(year=year)
    return paginated(request, queryset, lambda request, budget: budget_data(budget))


@read_only_json
def not_found(request, rest=""):
    # The catch-all below the real routes would hide APPEND_SLASH, so do its job here.
    with_slash = f"{request.path}/"
    if not rest.endswith("/") and resolve(with_slash).func is not not_found:
        query = request.META.get("QUERY_STRING")
        return HttpResponsePermanentRedirect(f"{with_slash}?{query}" if query else with_slash)
    raise ApiError("Alamat API tidak ada. Daftar alamat: /api/v1/openapi.json", status=404)


SECTION_ANCHORS = [anchor for _, anchor, _ in SECTIONS]
