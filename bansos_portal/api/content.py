"""Read-only JSON of the published content under /api/v1/: programs, FAQ, clarifications, budgets.

Each answer is built by the Schema named in its `answers(...)`, which is also what the OpenAPI
document says of it."""

import re
from typing import Annotated

from django.core.paginator import EmptyPage, Paginator
from django.db.models import Count, Prefetch, Q
from django.http import HttpResponse
from ninja import Query, Router

from faq.models import Category, Clarification, Question
from programs.models import Budget, Program

from . import schemas
from .http import ApiError, set_last_modified
from .params import whole_number
from .schemas import answers

SLUG = re.compile(r"[-a-zA-Z0-9_]{1,200}")
PER_PAGE = 20
MAX_PER_PAGE = 100

router = Router()

PageNumber = Annotated[whole_number(), Query(1, description="Nomor halaman, mulai 1.")]
PageSize = Annotated[
    whole_number(MAX_PER_PAGE), Query(PER_PAGE, description=f"Jumlah per halaman (bawaan {PER_PAGE}).")
]
ProgramFilter = Annotated[str, Query("", description="Slug program yang terbit, misalnya pkh.")]


def _page_url(request, number):
    query = request.GET.copy()
    query["page"] = number
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def paginated(request, response, queryset, number, size):
    paginator = Paginator(queryset, size)
    try:
        page = paginator.page(number)
    except EmptyPage:
        raise ApiError(f"Halaman tidak ada; jumlah halaman {paginator.num_pages}.", status=404) from None
    items = list(page.object_list)
    set_last_modified(response, max((item.updated_at for item in items if hasattr(item, "updated_at")), default=None))
    return {
        "count": paginator.count,
        "page": page.number,
        "pages": paginator.num_pages,
        "next": _page_url(request, page.next_page_number()) if page.has_next() else None,
        "previous": _page_url(request, page.previous_page_number()) if page.has_previous() else None,
        "results": items,
    }


def _narrowed(queryset, lookup, name, slug, known):
    """The items of one category or program; an unknown slug is refused, never answered with nothing."""
    if not slug:
        return queryset
    # Checked before the database sees it: PostgreSQL refuses NUL bytes in text with an error, not a miss.
    if not SLUG.fullmatch(slug) or not known.filter(slug=slug).exists():
        raise ApiError(f"{name} {slug[:100]!r} tidak dikenal.")
    return queryset.filter(**{lookup: slug})


def _of_program(queryset, lookup, slug):
    return _narrowed(queryset, lookup, "program", slug, Program.objects.published())


def _programs():
    return Program.objects.published().prefetch_related("components", "budgets")


def _public_programs_prefetch():
    return Prefetch("programs", queryset=Program.objects.published().only("slug"), to_attr="public_programs")


@router.get(
    "/programs/",
    **answers(schemas.ProgramPage),
    url_name="api_programs",
    operation_id="listPrograms",
    summary="Program yang terbit, dengan komponen dan anggarannya.",
)
def programs(request, response: HttpResponse, page: PageNumber, limit: PageSize):
    return paginated(request, response, _programs(), page, limit)


@router.get(
    "/programs/{slug:slug}/",
    **answers(schemas.ProgramDetail),
    url_name="api_program",
    operation_id="getProgram",
    summary="Satu program lengkap: bagian halaman, sumber, tautan sematan, leaflet dan umpan.",
)
def program(request, response: HttpResponse, slug: str):
    found = _programs().prefetch_related("sources").filter(slug=slug).first()
    if found is None:
        raise ApiError(f"Program {slug!r} tidak ada atau tidak diterbitkan.", status=404)
    set_last_modified(response, found.updated_at)
    return found


@router.get(
    "/faq/categories/",
    **answers(schemas.CategoryPage),
    url_name="api_categories",
    operation_id="listCategories",
    summary="Kategori tanya jawab yang berisi.",
)
def categories(request, response: HttpResponse, page: PageNumber, limit: PageSize):
    published = Q(questions__in=Question.objects.published())
    queryset = Category.objects.annotate(question_count=Count("questions", filter=published, distinct=True))
    return paginated(request, response, queryset.filter(question_count__gt=0).order_by("order", "name"), page, limit)


@router.get(
    "/faq/questions/",
    **answers(schemas.QuestionPage),
    url_name="api_questions",
    operation_id="listQuestions",
    summary="Tanya jawab, bisa disaring menurut kategori dan program.",
)
def questions(
    request,
    response: HttpResponse,
    page: PageNumber,
    limit: PageSize,
    category: Annotated[str, Query("", description="Slug kategori.")],
    program: ProgramFilter,
):
    queryset = Question.objects.published().select_related("category").prefetch_related(_public_programs_prefetch())
    queryset = _narrowed(queryset, "category__slug", "category", category, Category.objects.all())
    return paginated(request, response, _of_program(queryset, "programs__slug", program), page, limit)


@router.get(
    "/clarifications/",
    **answers(schemas.ClarificationPage),
    url_name="api_clarifications",
    operation_id="listClarifications",
    summary="Klarifikasi hoaks, terbaru dulu.",
)
def clarifications(request, response: HttpResponse, page: PageNumber, limit: PageSize, program: ProgramFilter):
    queryset = Clarification.objects.published().prefetch_related(_public_programs_prefetch(), "sources")
    return paginated(request, response, _of_program(queryset, "programs__slug", program), page, limit)


@router.get(
    "/budgets/",
    **answers(schemas.BudgetPage),
    url_name="api_budgets",
    operation_id="listBudgets",
    summary="Anggaran per tahun dengan sumber setiap angka.",
)
def budgets(
    request,
    response: HttpResponse,
    page: PageNumber,
    limit: PageSize,
    program: ProgramFilter,
    year: Annotated[whole_number(9999) | None, Query(None, description="Tahun anggaran.")],
):
    queryset = _of_program(Budget.objects.public().select_related("program"), "program__slug", program)
    if year:
        queryset = queryset.filter(year=year)
    return paginated(request, response, queryset, page, limit)
