import csv

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from .models import Budget, Program


@require_GET
def program_list(request):
    programs = Program.objects.published().for_list()
    return render(request, "programs/program_list.html", {"programs": programs})


@require_GET
def program_detail(request, slug):
    program = get_object_or_404(Program.objects.published(), slug=slug)
    return render_program(request, program)


def render_program(request, program, preview=None):
    """The program page; also used, with `preview`, for drafts shown to staff and signed links."""
    context = {
        "preview": preview,
        "program": program,
        "components": program.components.all(),
        "budgets": program.budgets.all(),
        "sources": program.sources.all(),
        "questions": program.questions.published().only("slug", "question"),
        "clarifications": program.clarifications.published().only("slug", "claim", "verdict", "date"),
    }
    return render(request, "programs/program_detail.html", context)


@require_GET
def budget_list(request):
    ministry = list(Budget.objects.ministry_wide())
    by_program = Budget.objects.public().filter(program__isnull=False).select_related("program")
    context = {
        "ministry_budgets": ministry,
        "largest": max((budget.allocation for budget in ministry), default=0),
        "program_budgets": by_program,
    }
    return render(request, "programs/budget_list.html", context)


CSV_COLUMNS = [
    "tahun",
    "program",
    "jenis_angka",
    "anggaran_rupiah",
    "realisasi_rupiah",
    "penerima",
    "sumber",
    "url_sumber",
]


@require_GET
def budget_csv(request):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="anggaran-bansos.csv"'
    response.write("\ufeff")  # lets spreadsheet programs read the file as UTF-8
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    for budget in Budget.objects.public().select_related("program"):
        writer.writerow(
            [
                budget.year,
                budget.program.short_name if budget.program else "Kementerian Sosial (seluruhnya)",
                budget.get_label_display(),
                budget.allocation,
                budget.realisation if budget.realisation is not None else "",
                budget.beneficiaries if budget.beneficiaries is not None else "",
                budget.source,
                budget.source_url,
            ]
        )
    return response
