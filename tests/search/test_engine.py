from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from bansos_portal.publishing import Status
from bansos_portal.search import engine
from bansos_portal.search.models import SearchEntry
from bansos_portal.search.text import query_terms, stems


def titles(query):
    return [entry.title for entry in engine.search(query, per_page=100).entries]


def test_stemming_meets_affixed_forms():
    assert stems("pendaftaran mendaftar didaftarkan") == "daftar daftar daftar"
    assert query_terms("penyaluran disalurkan") == ["salur"]
    assert query_terms("Apakah PKH dicairkan?") == ["pkh", "cair"]


def test_question_words_that_name_what_is_asked_count(make_question):
    # "kapan" asks for a date, as the answer's own title does; "apakah" asks nothing in particular.
    assert query_terms("Kapan PKH dicairkan?") == ["kapan", "pkh", "cair"]
    make_question(question="Apakah PKH dicairkan tiap bulan?", answer="Bantuan PKH dicairkan bertahap.")
    make_question(question="Kapan PKH dicairkan?", answer="Bantuan PKH dicairkan bertahap.")

    assert titles("kapan pkh cair")[0] == "Kapan PKH dicairkan?"


def test_an_amount_written_with_rp_is_found_by_its_number(make_question):
    make_question(question="Benarkah ada bansos Rp175 juta?", answer="Tidak ada.")
    make_question(question="Bantuan Rp2.400.000 untuk lansia", answer="Per tahun.")

    assert query_terms("Rp175") == ["rp", "175"]
    assert titles("175 juta") == ["Benarkah ada bansos Rp175 juta?"]
    assert titles("400.000 lansia") == ["Bantuan Rp2.400.000 untuk lansia"]


def test_search_finds_other_forms_of_the_same_word(make_question, make_program):
    make_question(question="Bagaimana pendaftaran bansos?", answer="Datang ke kantor desa.")
    make_program(name="Program Sembako", summary="Bantuan pangan", disbursement="Dana disalurkan tiap bulan.")

    assert titles("daftar") == ["Bagaimana pendaftaran bansos?"]
    assert titles("mendaftar") == ["Bagaimana pendaftaran bansos?"]
    assert titles("penyaluran") == ["Program Sembako"]


def test_search_covers_programs_questions_and_clarifications(make_program, make_question, make_clarification):
    make_program(name="Kartu Sembako", summary="Bantuan pangan nontunai.")
    make_question(question="Apakah kartu sembako bisa dipakai di warung?")
    make_clarification(claim="Kartu sembako gratis lewat tautan", explanation="Hoaks.")

    kinds = {entry.kind for entry in engine.search("kartu sembako").entries}

    assert kinds == {"program", "faq", "clarification"}


def test_title_matches_rank_first(make_question):
    make_question(question="Apa itu DTSEN?", answer="Data tunggal. Bansos dan pencairan diatur di sana.")
    make_question(question="Kapan pencairan bansos?", answer="Setiap tahap.")

    assert titles("pencairan bansos")[0] == "Kapan pencairan bansos?"


def test_entries_with_every_word_rank_above_those_with_some(make_question):
    make_question(question="Syarat umum", answer="Keluarga miskin terdaftar.")
    make_question(question="Syarat khusus", answer="Keluarga miskin dengan ibu hamil terdaftar di desa.")

    assert titles("ibu hamil miskin")[0] == "Syarat khusus"


def test_titles_holding_more_of_the_words_rank_higher(make_question):
    make_question(question="Kapan dana cair?", answer="Kartu KKS dipakai setiap tahap.")
    make_question(question="Kartu KKS tertelan ATM", answer="Dana bisa cair lagi setelah kartu diganti.")

    assert titles("kartu kks cair")[0] == "Kartu KKS tertelan ATM"


def test_only_published_items_are_found(make_question):
    make_question(question="Draf rahasia pencairan?", status=Status.DRAFT)
    make_question(question="Terjadwal pencairan?", published_at=timezone.now() + timedelta(days=1))
    make_question(question="Berakhir pencairan?", unpublish_at=timezone.now() - timedelta(seconds=1))
    make_question(question="Terbit pencairan?")

    assert titles("pencairan") == ["Terbit pencairan?"]


def test_publishing_editing_and_deleting_change_results_at_once(make_question):
    question = make_question(question="Cara cek penerima?", status=Status.DRAFT)
    assert titles("penerima") == []

    question.status = Status.PUBLISHED
    question.save()
    assert titles("penerima") == ["Cara cek penerima?"]

    question.question = "Cara cek status bantuan?"
    question.save()
    assert titles("penerima") == [] and titles("status") == ["Cara cek status bantuan?"]

    question.status = Status.DRAFT
    question.save()
    assert titles("status") == []

    question.status = Status.PUBLISHED
    question.save()

    question.delete()
    assert titles("status") == []


def test_rebuild_command_restores_the_index(make_question):
    make_question(question="Kartu KKS hilang?")
    SearchEntry.objects.all().delete()

    call_command("rebuild_search_index", stdout=None)

    assert titles("kks") == ["Kartu KKS hilang?"]


def test_results_page_highlights_words_in_title_and_snippet(client, make_question):
    make_question(question="Bagaimana pendaftaran PKH?", answer="Pendaftaran dilakukan di desa tanpa biaya.")

    response = client.get(reverse("search"), {"q": "daftar"})

    assert "<mark>pendaftaran</mark>" in response.text
    assert "<mark>Pendaftaran</mark> dilakukan" in response.text
    assert "1 hasil" in response.text


def test_highlighting_escapes_content(client, make_question):
    make_question(question="Apa arti <b>KPM</b>?", answer="KPM <script>x</script> adalah keluarga.")

    response = client.get(reverse("search"), {"q": "kpm"})

    assert "&lt;b&gt;<mark>KPM</mark>&lt;/b&gt;" in response.text
    assert "<script>x" not in response.text


def test_no_results_page_points_to_faq_and_programs(client, category, make_question):
    make_question()

    response = client.get(reverse("search"), {"q": "qwertyuiop"})

    assert "Tidak ditemukan hasil" in response.text
    assert reverse("faq:list") in response.text and reverse("programs:list") in response.text
    assert category.name in response.text


def test_htmx_request_gets_only_the_results(client, make_question):
    make_question(question="Kapan BPNT cair?")

    response = client.get(reverse("search"), {"q": "bpnt"}, headers={"HX-Request": "true"})

    assert "<html" not in response.text
    assert "Kapan <mark>BPNT</mark> cair?" in response.text
    assert 'hx-swap-oob="true"' in response.text  # the screen-reader count updates too
    assert "HX-Request" in response["Vary"]


def test_full_page_and_history_restore_get_the_whole_page(client, make_question):
    make_question(question="Kapan BPNT cair?")

    plain = client.get(reverse("search"), {"q": "bpnt"})
    restore = client.get(
        reverse("search"), {"q": "bpnt"}, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )

    for response in (plain, restore):
        assert "<html" in response.text and "Kapan <mark>BPNT</mark> cair?" in response.text
    assert 'hx-get="/cari/"' in plain.text and 'hx-push-url="true"' in plain.text


def test_results_are_paged(client, make_question):
    for number in range(25):
        make_question(question=f"Pertanyaan bansos nomor {number}?")

    first = client.get(reverse("search"), {"q": "bansos"})
    third = client.get(reverse("search"), {"q": "bansos", "page": 3})

    assert "25 hasil" in first.text and "Halaman 1 dari 3" in first.text
    assert "Halaman 3 dari 3" in third.text and third.text.count('class="result"') == 5


BAD_INPUTS = [
    "",
    " ",
    "a" * 10_000,
    "bansos " * 2_000,
    "pkh\x00cair",
    "\x00",
    "'; DROP TABLE faq_question; --",
    '" OR 1=1 --',
    'title_stems : "x" NEAR(a b) * ^ AND OR NOT ( )',
    "pkh:* & | ! <-> :A",
    "😀🙏 bansos 🇮🇩",
    "مساعدة اجتماعية",
    "\u202ebansos\u202c",
    "%00%27%22",
    "<script>alert(1)</script>",
]


@pytest.mark.parametrize("query", BAD_INPUTS)
def test_bad_input_never_breaks_search(client, make_question, query):
    make_question(question="Bagaimana cara daftar bansos?")

    response = client.get(reverse("search"), {"q": query})

    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.text


@pytest.mark.parametrize("page", ["999999999999999999999", "-1", "abc", "1.5", "\x00", ""])
def test_bad_page_numbers_give_a_page_not_an_error(client, make_question, page):
    make_question(question="Bagaimana cara daftar bansos?")

    response = client.get(reverse("search"), {"q": "bansos", "page": page})

    assert response.status_code == 200
    assert "Bagaimana cara daftar <mark>bansos</mark>?" in response.text


def test_very_long_query_is_cut_and_says_so(client, db):
    response = client.get(reverse("search"), {"q": "bansos " * 100})

    assert response.status_code == 200
    assert "hanya bagian awalnya yang dicari" in response.text


def test_search_runs_a_fixed_number_of_queries(client, make_question, django_assert_max_num_queries):
    # Synonyms, vocabulary, best bets, count, two facet counts, the page, and the day's statistics.
    for number in range(15):
        make_question(question=f"Bansos nomor {number}?")
    with django_assert_max_num_queries(12):
        client.get(reverse("search"), {"q": "bansos"})

    for number in range(30):
        make_question(question=f"Bansos lain nomor {number}?")
    with django_assert_max_num_queries(12):
        client.get(reverse("search"), {"q": "bansos"})
