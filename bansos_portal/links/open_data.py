"""Open data downloads: budgets and benefit amounts as CSV and JSON, each figure with its source."""

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from bansos_portal.directory.models import Office
from bansos_portal.formatting import csv_response
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
    return ({**row, "lisensi": LICENCE} for row in Budget.objects.public().rows())


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


OFFICE_COLUMNS = [
    "kode_wilayah",
    "daerah",
    "provinsi",
    "nama_kantor",
    "alamat",
    "telepon",
    "whatsapp_sms",
    "surel",
    "situs_web",
    "media_sosial",
    "jam_layanan",
    "sumber_dan_tanggal_verifikasi",
    "url_halaman",
    "lisensi",
]


def office_rows(request):
    # Only details a source backs, each source with the date it was checked (as on the office's page).
    for office in Office.objects.for_listing():
        region = office.region
        yield {
            "kode_wilayah": region.code,
            "daerah": region.name,
            "provinsi": region.province.name,
            "nama_kantor": office.name,
            "alamat": office.shown("address"),
            "telepon": office.shown("phones").replace("\n", "; "),
            "whatsapp_sms": office.shown("whatsapp"),
            "surel": office.shown("email"),
            "situs_web": office.shown("website"),
            "media_sosial": office.shown("social_accounts").replace("\n", "; "),
            "jam_layanan": office.shown("opening_hours"),
            "sumber_dan_tanggal_verifikasi": office.sources_line(),
            "url_halaman": request.build_absolute_uri(region.get_absolute_url()),
            "lisensi": LICENCE,
        }


DATASETS = {
    "anggaran": ("Anggaran bansos per tahun", BUDGET_COLUMNS, budget_rows),
    "komponen-manfaat": ("Besaran bantuan per komponen", COMPONENT_COLUMNS, component_rows),
    "dinas-sosial": ("Kantor Dinas Sosial provinsi dan kabupaten/kota", OFFICE_COLUMNS, office_rows),
}


@require_GET
def download(request, name, extension):
    title, columns, rows = DATASETS[name]
    if extension == "csv":
        response = csv_response(f"{name}.csv", columns, rows(request))
    else:
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
