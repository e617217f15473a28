from django.shortcuts import get_object_or_404, render
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_GET

from bansos_portal.formatting import csv_response
from bansos_portal.publishing import slug_address

from .models import Budget, Program, best_per_year


@require_GET
def program_list(request):
    programs = Program.objects.published().for_list()
    return render(request, "programs/program_list.html", {"programs": programs})


@require_GET
def program_detail(request, slug):
    program = get_object_or_404(Program.objects.published(), slug=slug)
    return render_program(request, program)


def render_program(request, program, preview=None):
    """The program page; also used, with `preview`, for drafts shown to staff and signed links.

    Everything the page lists is read where the template first uses it (lazily), so a part of the page
    kept between renders depends only on what it and the parts above it read (see page_cache/fragments)."""
    # Rows the page only displays are read as plain values: no model instance (and no page-cache tag) per row.
    components = SimpleLazyObject(program.components.table_rows)
    context = {
        "preview": preview,
        "program": program,
        "answers": SimpleLazyObject(lambda: program.answers(program.anchors(with_benefit_table=bool(components)))),
        "components": components,
        "budgets": program.budgets.of_one_program(),
        "sources": program.sources.values("title", "url"),
        # Lists: the first few show, the rest fold (the template slices each twice).
        "questions": SimpleLazyObject(lambda: question_links(program.questions.published())),
        "clarifications": SimpleLazyObject(lambda: clarification_links(program.clarifications.published().for_list())),
    }
    return render(request, "programs/program_detail.html", context)


def question_links(questions):
    """(address, question) of each question in the queryset, read without building model instances."""
    address = slug_address("faq:detail")
    return [(address(slug), question) for slug, question in questions.values_list("slug", "question")]


def clarification_links(clarifications):
    """(address, clarification) of each clarification, their addresses from one reverse()."""
    address = slug_address("faq:clarification")
    return [(address(clarification.slug), clarification) for clarification in clarifications]


@require_GET
def budget_list(request):
    ministry = list(Budget.objects.ministry_wide())
    bars = best_per_year(ministry)
    by_program = Budget.objects.public().filter(program__isnull=False).select_related("program")
    context = {
        "ministry_budgets": ministry,
        "bars": bars,
        "largest": max((bar.chart_value for bar in bars), default=0),
        "program_budgets": by_program,
    }
    return render(request, "programs/budget_list.html", context)


# Budget.as_row's columns as this download has always had them: no program slug, no licence.
CSV_COLUMNS = "tahun program jenis_angka anggaran_rupiah realisasi_rupiah penerima sumber url_sumber".split()


@require_GET
def budget_csv(request):
    return csv_response("anggaran-bansos.csv", CSV_COLUMNS, Budget.objects.public().rows())
