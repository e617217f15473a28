import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from bansos_portal.publishing import Status
from programs.models import SharedStep


@pytest.fixture
def pkh(make_program, make_component, make_budget):
    program = make_program(
        name="Program Keluarga Harapan",
        acronym="PKH",
        slug="pkh",
        eligibility="Keluarga di **DTKS** dengan ibu hamil.",
        benefits="Uang tunai per komponen.",
        registration="1. Datang ke kantor desa\n2. Ikut musyawarah desa",
        disbursement="Empat tahap lewat bank Himbara.",
        complaints="Hubungi Call Center 171.",
        regional_role="Dinas Sosial memverifikasi data.",
    )
    make_component(program, name="Ibu hamil", amount=3_000_000, year=2025)
    make_component(program, name="Anak SD", amount=900_000, year=2025)
    make_component(program, name="Ibu hamil", amount=2_400_000, year=2019)
    make_budget(program=program, year=2021, allocation=28_700_000_000_000, source="inews 2021")
    make_budget(program=program, year=2021, allocation=28_310_000_000_000, source="CNBC 2021")
    program.sources.create(title="Kemensos, 13 Februari 2020", url="https://kemensos.go.id/pkh")
    return program


def test_program_list_shows_only_published_programs(client, make_program):
    make_program(name="Program Keluarga Harapan")
    make_program(name="Program Rahasia", status=Status.DRAFT)

    response = client.get(reverse("programs:list"))

    assert "Program Keluarga Harapan" in response.text
    assert "Program Rahasia" not in response.text


def test_program_page_shows_sections_with_stable_anchors(client, pkh):
    response = client.get(pkh.get_absolute_url())

    assert response.status_code == 200
    for anchor in ("syarat", "manfaat", "cara-daftar", "penyaluran", "pengaduan"):
        assert f'id="{anchor}"' in response.text
        assert f'href="#{anchor}"' in response.text
    assert "<strong>DTKS</strong>" in response.text


def test_program_page_shows_benefits_budgets_and_sources(client, pkh):
    response = client.get(pkh.get_absolute_url())

    assert "Rp3.000.000" in response.text and "Rp900.000" in response.text
    assert "Besaran tahun 2019" in response.text  # older years are folded away, not lost
    assert "Rp28,7 triliun" in response.text and "Rp28,31 triliun" in response.text
    assert "inews 2021" in response.text and "CNBC 2021" in response.text
    assert "https://kemensos.go.id/pkh" in response.text


def test_program_page_says_it_is_a_central_program(client, pkh):
    response = client.get(pkh.get_absolute_url())

    assert "Program pemerintah pusat" in response.text
    assert "dijalankan Kementerian Sosial dan dibiayai APBN" in response.text
    assert "Dinas Sosial memverifikasi data." in response.text


def test_program_page_shows_the_last_review_date_in_indonesian_not_the_save_time(client, pkh):
    pkh.__class__.objects.filter(pk=pkh.pk).update(last_reviewed_at="2026-11-27", updated_at="2026-12-06T10:00+07:00")

    response = client.get(pkh.get_absolute_url())

    assert "Diperbarui" in response.text and "27 November 2026" in response.text
    assert "6 Desember 2026" not in response.text


def test_program_page_lists_only_published_related_questions(client, pkh, make_question):
    make_question(question="Kapan PKH cair?").programs.add(pkh)
    make_question(question="Draf tentang PKH?", status=Status.DRAFT).programs.add(pkh)

    response = client.get(pkh.get_absolute_url())

    assert "Kapan PKH cair?" in response.text
    assert "Draf tentang PKH?" not in response.text


def test_draft_program_answers_404(client, make_program):
    program = make_program(status=Status.DRAFT)

    assert client.get(program.get_absolute_url()).status_code == 404


def test_program_before_its_publish_time_answers_404_and_after_its_unpublish_time_410(client, make_program):
    scheduled = make_program(published_at=timezone.now() + timedelta(hours=1))
    ended = make_program(unpublish_at=timezone.now() - timedelta(seconds=1))

    assert client.get(scheduled.get_absolute_url()).status_code == 404
    assert client.get(ended.get_absolute_url()).status_code == 410


def test_unknown_program_answers_404_in_indonesian(client, db):
    response = client.get("/program/tidak-ada/")

    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.text


def test_budget_page_shows_both_figures_for_a_year_with_sources(client, make_budget):
    make_budget(year=2018, allocation=43_300_000_000_000, source="Sekjen Kemensos", label="laporan")
    make_budget(year=2018, allocation=41_300_000_000_000, source="APBN 2018", label="pagu")
    make_budget(year=2019, allocation=58_900_000_000_000, source="Sekjen Kemensos")

    response = client.get(reverse("programs:budgets"))

    for text in ("Rp43,3 triliun", "Rp41,3 triliun", "Rp58,9 triliun", "APBN 2018", "Sekjen Kemensos"):
        assert text in response.text
    assert response.text.count("<rect") == 2  # the chart draws one bar a year, server-side
    assert 'width="100"' in response.text  # the largest figure fills its bar


def test_budget_page_hides_budgets_of_draft_programs(client, make_program, make_budget):
    make_budget(program=make_program(acronym="RHS", status=Status.DRAFT), source="Sumber rahasia")

    response = client.get(reverse("programs:budgets"))

    assert "Sumber rahasia" not in response.text


def test_budget_csv_has_the_same_figures_with_sources(client, make_program, make_budget):
    make_budget(year=2018, allocation=41_300_000_000_000, source="APBN 2018", source_url="https://example.org/a")
    make_budget(program=make_program(acronym="PKH"), year=2022, allocation=28_700_000_000_000, beneficiaries=10**7)
    make_budget(program=make_program(acronym="DRF", status=Status.DRAFT), year=2022)

    response = client.get(reverse("programs:budgets_csv"))

    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [(row["tahun"], row["program"], row["anggaran_rupiah"]) for row in rows] == [
        ("2018", "Kementerian Sosial (seluruhnya)", "41300000000000"),
        ("2022", "PKH", "28700000000000"),
    ]
    assert rows[0]["sumber"] == "APBN 2018" and rows[0]["url_sumber"] == "https://example.org/a"
    assert rows[1]["penerima"] == "10000000"


def test_budget_csv_defuses_a_source_that_a_spreadsheet_would_run_as_a_formula(client, make_budget):
    make_budget(year=2024, allocation=58_900_000_000_000, source='=HYPERLINK("http://contoh.test/","Unduh")')

    response = client.get(reverse("programs:budgets_csv"))

    (row,) = csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))
    assert row["sumber"] == '\'=HYPERLINK("http://contoh.test/","Unduh")'
    assert row["anggaran_rupiah"] == "58900000000000"


def test_program_pages_run_a_fixed_number_of_queries(client, pkh, make_program, django_assert_max_num_queries):
    for _ in range(5):
        make_program()

    with django_assert_max_num_queries(3):
        client.get(reverse("programs:list"))
    with django_assert_max_num_queries(10):  # 7, the short link in the share box, the change notes, shared steps
        client.get(pkh.get_absolute_url())
    with django_assert_max_num_queries(3):
        client.get(reverse("programs:budgets"))
    with django_assert_max_num_queries(2):
        client.get(reverse("programs:budgets_csv"))


def test_program_page_opens_with_the_short_answers_linked_to_their_sections_and_both_actions(client, make_program):
    program = make_program(
        slug="pip",
        eligibility="Anak sekolah.",
        answer_eligibility="Anak usia 6–21 tahun.",
        answer_payment="Ke rekening siswa.",
        status_check_url="https://pip.kemendikdasmen.go.id/",
        status_check_label="pip.kemendikdasmen.go.id",
    )

    html = client.get(program.get_absolute_url()).content.decode()

    assert '<dt><a href="#syarat">Siapa yang berhak</a></dt>' in html
    # No disbursement section on this page: the answer shows without a dead link.
    assert "<dt>Kapan cair</dt>" in html and "Ke rekening siswa." in html
    assert "Berapa</" not in html  # an empty answer is left out
    assert 'href="https://pip.kemendikdasmen.go.id/"' in html and 'href="tel:171"' in html
    assert html.index("Cek status penerima") < html.index('id="syarat"')


def test_shared_steps_show_under_their_section_on_every_program_that_chose_them(client, make_program):
    step = SharedStep.objects.create(
        slug="desa", title="Lewat kantor desa/kelurahan", placement="registration", body="1. Bawa KTP dan KK."
    )
    first, second = make_program(slug="pkh"), make_program(slug="bpnt", name="Program Sembako")
    first.shared_steps.add(step)
    second.shared_steps.add(step)
    step.body = "1. Bawa KTP dan Kartu Keluarga."
    step.save()

    for program in (first, second):
        html = client.get(program.get_absolute_url()).content.decode()
        section = html.split('id="cara-daftar"')[1].split("</section>")[0]
        assert "<h3>Lewat kantor desa/kelurahan</h3>" in section and "Bawa KTP dan Kartu Keluarga." in section
