from importlib import import_module
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from bansos_portal.audit.findings import audit_content
from bansos_portal.content_file.load import DEMO_CONTENT
from faq.models import DatePrecision

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
