"""The content file carries figures (typed, read from a program row, or computed) and the citations in
text, losslessly: export, empty the database, import, and the same content renders the same."""

import copy
import logging

import pytest

from bansos_portal.content_file.dump import export_content
from bansos_portal.content_file.load import ContentError, import_content
from bansos_portal.figures.models import Figure
from faq.models import Category, Question
from programs.models import Budget, Program

KEMENSOS = "https://kemensos.go.id/en/secretary-general-of-the-ministry-of-social-affairs-encourages-upt-to-activate-the-role-of-public-relations"
SAMPLE = {
    "programs": [
        {
            "slug": "pkh",
            "name": "Program Keluarga Harapan",
            "acronym": "PKH",
            "summary": "Bantuan tunai bersyarat.",
            "benefits": "Ibu hamil menerima [[angka:pkh-ibu-hamil-2025]].",
            "benefit_components": [{"name": "Ibu hamil", "amount": 3000000, "period": "year", "year": 2025}],
        }
    ],
    "ministry_budgets": [
        {"year": 2018, "allocation": 43300000000000, "label": "laporan", "source": "Kemensos", "source_url": KEMENSOS},
        {"year": 2019, "allocation": 58900000000000, "label": "laporan", "source": "Kemensos", "source_url": KEMENSOS},
    ],
    "faq_categories": [{"slug": "besaran", "name": "Besaran bantuan"}],
    "faq": [
        {
            "slug": "anggaran-naik",
            "question": "Berapa kenaikan anggaran 2019?",
            "answer": "Naik [[angka:kemensos-naik-2019]] atau [[angka:kemensos-naik-2019-persen]].",
            "category": "besaran",
        }
    ],
    "figures": [
        {
            "name": "bpnt-saldo-2025",
            "label": "Program Sembako: saldo per KPM",
            "unit": "rupiah",
            "per": "month",
            "kind": "ketentuan",
            "source_title": "Kompas (Turnbackhoax), 24 Mei 2024",
            "source_url": "https://kalimasada.turnbackhoax.id/index.php/focus/20092",
            "value": 200000,
            "year": 2025,
            "verified_at": "2026-12-06",
            "is_published": True,
        },
        {
            "name": "pkh-ibu-hamil-2025",
            "label": "PKH: ibu hamil",
            "unit": "rupiah",
            "per": "year",
            "kind": "ketentuan",
            "source_title": "Kemensos, 13 Februari 2020",
            "source_url": "https://kemensos.go.id/index.php/en/ministry-of-social-affairs-focusing-on-four-policies-of-family-hope-program",
            "year": 2025,
            "component": {"program": "pkh", "name": "Ibu hamil", "year": 2025},
            "is_published": True,
        },
        {
            "name": "kemensos-laporan-2018",
            "label": "Anggaran Kemensos 2018 menurut Sekjen",
            "unit": "rupiah",
            "kind": "laporan",
            "source_title": "Kemensos",
            "source_url": KEMENSOS,
            "budget_field": "allocation",
            "year": 2018,
            "budget": {"program": None, "year": 2018, "label": "laporan", "allocation": 43300000000000},
            "is_published": True,
        },
        {
            "name": "kemensos-laporan-2019",
            "label": "Anggaran Kemensos 2019 menurut Sekjen",
            "unit": "rupiah",
            "kind": "laporan",
            "source_title": "Kemensos",
            "source_url": KEMENSOS,
            "budget_field": "allocation",
            "year": 2019,
            "budget": {"program": None, "year": 2019, "label": "laporan", "allocation": 58900000000000},
            "is_published": True,
        },
        {
            "name": "kemensos-naik-2019",
            "label": "Kenaikan anggaran 2018 ke 2019",
            "unit": "rupiah",
            "kind": "laporan",
            "formula": "selisih",
            "operands": ["kemensos-laporan-2018", "kemensos-laporan-2019"],
            "is_published": True,
        },
        {
            "name": "kemensos-naik-2019-persen",
            "label": "Kenaikan anggaran 2018 ke 2019 dalam persen",
            "unit": "persen",
            "kind": "laporan",
            "formula": "perubahan-persen",
            "operands": ["kemensos-laporan-2018", "kemensos-laporan-2019"],
            "is_published": True,
        },
    ],
}


def answer_html():
    return Question.objects.get(slug="anggaran-naik").answer_html


def test_the_file_carries_each_way_a_figure_gets_its_value(db):
    import_content(data=SAMPLE)

    assert "+Rp15,6 triliun (laporan 2018–2019)" in answer_html()
    assert "+36% (laporan 2018–2019)" in answer_html()
    assert "Rp3.000.000 per tahun (2025)" in Program.objects.get(slug="pkh").benefits_html
    exported = {entry["name"]: entry for entry in export_content()["figures"]}
    for entry in SAMPLE["figures"]:
        assert exported[entry["name"]] == entry


def test_export_then_import_into_an_empty_database_renders_the_same(db):
    import_content(data=SAMPLE)
    original, html = export_content(), answer_html()

    Figure.objects.filter(formula__gt="").delete()
    Figure.objects.all().delete()
    for model in (Question, Category, Budget, Program):
        model.objects.all().delete()
    import_content(data=copy.deepcopy(original))

    assert export_content() == original
    assert answer_html() == html


def test_a_figure_reading_a_row_that_is_not_there_is_refused_and_named(db):
    data = copy.deepcopy(SAMPLE)
    data["figures"][1]["component"]["year"] = 2031

    with pytest.raises(ContentError, match=r'figures\[1\] \(name "pkh-ibu-hamil-2025"\): komponen manfaat'):
        import_content(data=data)

    assert not Program.objects.exists()


def test_a_computed_figure_with_an_unknown_operand_is_refused(db):
    data = copy.deepcopy(SAMPLE)
    data["figures"][4]["operands"] = ["kemensos-laporan-2018", "tidak-ada"]

    with pytest.raises(ContentError, match="angka asal tidak ditemukan: tidak-ada"):
        import_content(data=data)


def test_figures_declared_further_down_the_file_are_not_reported_unknown(db, caplog):
    with caplog.at_level(logging.WARNING, logger="bansos_portal.figures.citations"):
        import_content(data=SAMPLE)

    assert "tidak dikenal" not in caplog.text


def test_a_citation_still_unknown_after_the_import_is_reported_once(db, caplog):
    data = copy.deepcopy(SAMPLE)
    data["faq"][0]["answer"] += " Lihat juga [[angka:tidak-ada-2019]]."

    with caplog.at_level(logging.WARNING, logger="bansos_portal.figures.citations"):
        import_content(data=data)

    assert [record.getMessage() for record in caplog.records if "tidak dikenal" in record.getMessage()] == [
        "Kutipan angka yang tidak dikenal: tidak-ada-2019"
    ]
