from importlib import import_module
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from bansos_portal.audit.findings import audit_content
from bansos_portal.content_file.load import DEMO_CONTENT
from bansos_portal.editorial.prepublish import blocking, warnings_for
from bansos_portal.figures.models import Figure, Kind
from bansos_portal.glossary.models import Term
from bansos_portal.publishing import Status
from faq.models import DatePrecision
from programs.models import SharedStep

pytestmark = pytest.mark.django_db

seed_lists = import_module("bansos_portal.audit.migrations.0002_seed_lists").seed


@pytest.fixture(autouse=True)
def audit_lists(db):
    """The source hosts and phrases the migration ships: transactional tests elsewhere flush them."""
    seed_lists(apps, None)


def kinds(findings):
    return {(finding.kind, finding.severity) for finding in findings}


def test_each_kind_of_finding_is_reported_and_errors_fail_the_command(
    make_program, make_question, make_clarification, make_budget
):
    text = "Pasal ini berlaku untuk semua keluarga penerima bantuan sosial di seluruh Indonesia tanpa terkecuali."
    make_program(description=f"Bantuan kemungkinan besar tidak berubah.\n\n{text}", benefits="Rp3.000.000 per tahun.")
    make_program(description=text, legal_basis="[Salinan](https://contoh.blogspot.com/pkh) [[angka:tidak-ada]]")
    make_question(answer="Lihat [berita](https://situs-tak-dikenal.example/berita).")
    make_question(answer="Belum ada tautan apa pun.")
    make_clarification(date="2024-03-01")
    make_budget(source="", source_url="")

    found = audit_content()
    output = StringIO()
    with pytest.raises(CommandError):
        call_command("audit_content", stdout=output)

    assert kinds(found) >= {
        ("dugaan", "galat"),
        ("sumber-ditandai", "galat"),
        ("kutipan-tidak-dikenal", "galat"),
        ("angka-tanpa-sumber", "galat"),
        ("angka-diketik", "peringatan"),
        ("sumber-tidak-dikenal", "peringatan"),
        ("tanpa-sumber", "peringatan"),
        ("tanggal-terlalu-tepat", "peringatan"),
        ("paragraf-kembar", "peringatan"),
    }
    assert "«kemungkinan besar»" in output.getvalue() and "tentang program" in output.getvalue()


def test_quoted_claims_official_hosts_and_month_precision_raise_nothing(make_clarification):
    make_clarification(
        claim="Bantuan kemungkinan besar cair besok",
        explanation="Pesan itu menulis “kemungkinan besar cair”. [Kemensos](https://cekbansos.kemensos.go.id/)",
        date="2024-03-01",
        date_precision=DatePrecision.MONTH,
    )

    assert audit_content() == []


def test_the_shipped_demo_content_passes_with_no_error():
    output = StringIO()

    call_command("audit_content", file=str(DEMO_CONTENT), errors_only=True, stdout=output)

    assert "Audit isi lolos: 0 galat" in output.getvalue()


def figure(name, value, year=2017, source_url="https://www.kemenkeu.go.id/apbn"):
    return Figure.objects.create(
        name=name,
        label="Anggaran Kemensos",
        value=value,
        kind=Kind.CEILING,
        year=year,
        source_url=source_url,
        is_published=True,
    )


def test_two_figures_for_the_same_thing_with_different_values_are_reported():
    figure("kemensos-pagu-2017", 17_200_000_000_000)
    figure("kemensos-pagu-2017-2", 17_320_000_000_000)
    figure("kemensos-pagu-2018", 41_300_000_000_000, year=2018)  # another year: another thing
    figure("kemensos-pagu-2018-2", 41_300_000_000_000, year=2018)  # the same value twice: no disagreement

    found = [finding for finding in audit_content() if finding.kind == "angka-berbeda"]

    assert {finding.item.name for finding in found} == {"kemensos-pagu-2017", "kemensos-pagu-2017-2"}
    assert all(finding.severity == "peringatan" for finding in found)
    assert "17.200.000.000.000" in found[0].message and "17.320.000.000.000" in found[0].message


def test_a_cited_figure_without_its_period_and_a_figure_without_its_source_are_errors(make_program):
    figure("tanpa-tahun", 200_000, year=None)
    figure("tanpa-sumber", 300_000, year=2025, source_url="")
    make_program(benefits="Saldo [[angka:tanpa-tahun]] per bulan, ditambah [[angka:tanpa-sumber]].")

    found = audit_content()

    assert ("angka-tanpa-tahun", "galat") in kinds(found)
    assert any(f.kind == "angka-tanpa-sumber" and f.text == "tanpa-sumber" and f.is_error for f in found)


def test_an_error_blocks_publishing_whatever_the_editor_ticks_and_a_warning_does_not(make_program):
    guessing = make_program(slug="guess", description="Besarannya kemungkinan besar tidak berubah.")
    typing = make_program(slug="typed", description="Besarnya Rp3.000.000 per tahun pada 2025.")

    assert any("kemungkinan besar" in notice for notice in blocking(warnings_for(guessing)))
    assert blocking(warnings_for(typing)) == []
    assert any("Rp3.000.000" in notice for notice in warnings_for(typing))


def test_the_short_answers_at_the_top_of_a_program_page_are_audited(make_program):
    make_program(answer_amount="Kemungkinan besar Rp3.000.000 per tahun.", answer_payment="[[angka:tidak-ada]]")

    found = {(finding.kind, finding.field) for finding in audit_content()}

    assert {("dugaan", "berapa (singkat)"), ("angka-diketik", "berapa (singkat)")} <= found
    assert ("kutipan-tidak-dikenal", "kapan cair (singkat)") in found


def test_a_quoted_sentence_shows_where_a_cited_figure_stands(make_program):
    make_program(benefits="Setiap keluarga menerima **[[angka:bpnt-2025]]**, atau Rp2,4 juta setahun.")

    typed = [finding for finding in audit_content() if finding.kind == "angka-diketik"]

    assert [finding.text for finding in typed] == ["Setiap keluarga menerima **[angka]**, atau Rp2,4 juta setahun."]


def test_glossary_terms_and_shared_steps_are_audited_too(db):
    step = SharedStep.objects.create(slug="desa", title="Lewat desa", body="Biayanya kemungkinan Rp50.000.")
    term = Term.objects.create(
        term="Desil",
        slug="desil",
        short_definition="Kelompok 10% keluarga.",
        explanation="Lihat [salinan](https://contoh.blogspot.com/desil).",
        status=Status.PUBLISHED,
    )

    found = {(finding.item, finding.kind) for finding in audit_content()}

    assert {(step, "dugaan"), (step, "angka-diketik"), (step, "tanpa-sumber")} <= found
    assert {(term, "angka-diketik"), (term, "sumber-ditandai")} <= found
