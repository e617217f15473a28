"""Open data downloads: budgets and benefit amounts as CSV and JSON, each figure with its source."""

import csv

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from programs.models import BenefitComponent, Budget, Program

LICENCE = "CC BY 4.0"
LICENCE_NAME = "Creative Commons Atribusi 4.0 Internasional (CC BY 4.0)"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/deed.id"
ATTRIBUTION = "Sumber: Portal Bansos, Kementerian Sosial Republik Indonesia."
LICENCE_LINE = f"Lisensi: {LICENCE_NAME}, {LICENCE_URL}. {ATTRIBUTION}"

BUDGET_COLUMNS = [
    "tahun",
    "program",
    "program_slug",
    "jenis_angka",
    "anggaran_rupiah",
    "realisasi_rupiah",
    "penerima",
    "sumber",
    "url_sumber",
    "lisensi",
]
COMPONENT_COLUMNS = [
    "tahun",
    "program",
    "program_slug",
    "komponen",
    "besaran_rupiah",
    "periode",
    "catatan",
    "sumber",
    "url_sumber",
    "url_program",
    "lisensi",
]


def budget_rows(request):
    for budget in Budget.objects.public().select_related("program"):
        yield {
            "tahun": budget.year,
            "program": budget.program.short_name if budget.program else "Kementerian Sosial (seluruhnya)",
            "program_slug": budget.program.slug if budget.program else None,
            "jenis_angka": budget.get_label_display(),
            "anggaran_rupiah": budget.allocation,
            "realisasi_rupiah": budget.realisation,
            "penerima": budget.beneficiaries,
            "sumber": budget.source,
            "url_sumber": budget.source_url,
            "lisensi": LICENCE,
        }


def component_rows(request):
    # Amounts are stated on the program page, so the program's own sources back every one of them.
    programs = Program.objects.published().prefetch_related("sources")
    sources = {program.pk: (program, program.sources.all()[:1]) for program in programs}
    components = BenefitComponent.objects.filter(program__in=programs).order_by("program__order", "-year", "order")
    for component in components:
        program, first_source = sources[component.program_id]
        source = first_source[0] if first_source else None
        yield {
            "tahun": component.year,
            "program": program.short_name,
            "program_slug": program.slug,
            "komponen": component.name,
            "besaran_rupiah": component.amount,
            "periode": component.get_period_display(),
            "catatan": component.note,
            "sumber": source.title if source else "Halaman program di Portal Bansos",
            "url_sumber": source.url if source else request.build_absolute_uri(program.get_absolute_url()),
            "url_program": request.build_absolute_uri(program.get_absolute_url()),
            "lisensi": LICENCE,
        }


DATASETS = {
    "anggaran": ("Anggaran bansos per tahun", BUDGET_COLUMNS, budget_rows),
    "komponen-manfaat": ("Besaran bantuan per komponen", COMPONENT_COLUMNS, component_rows),
}


def _csv(name, columns, rows):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    response["Link"] = f'<{LICENCE_URL}>; rel="license"'
    response.write("\ufeff")  # lets spreadsheet programs read the file as UTF-8
    writer = csv.DictWriter(response, fieldnames=columns)
    writer.writeheader()
    writer.writerows({key: "" if value is None else value for key, value in row.items()} for row in rows)
    return response


@require_GET
def download(request, name, extension):
    title, columns, rows = DATASETS[name]
    if extension == "csv":
        return _csv(name, columns, rows(request))
    response = JsonResponse(
        {"judul": title, "lisensi": LICENCE_LINE, "url_lisensi": LICENCE_URL, "data": list(rows(request))},
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )
    response["Access-Control-Allow-Origin"] = "*"
    response["Link"] = f'<{LICENCE_URL}>; rel="license"'
    return response


@require_GET
def open_data(request):
    datasets = [(name, title) for name, (title, _, _) in DATASETS.items()]
    context = {"datasets": datasets, "licence_name": LICENCE_NAME, "licence_url": LICENCE_URL}
    return render(request, "links/open_data.html", context)
