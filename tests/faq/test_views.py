from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from bansos_portal.publishing import Status
from faq.models import Category


def test_faq_page_groups_published_questions_by_category(client, category, make_question):
    make_question(question="Bagaimana cara mendaftar bansos?")
    make_question(question="Pertanyaan draf?", status=Status.DRAFT)
    empty = Category.objects.create(name="Kategori kosong", slug="kosong")

    response = client.get(reverse("faq:list"))

    assert "Pendaftaran" in response.text
    assert "Bagaimana cara mendaftar bansos?" in response.text
    assert "Pertanyaan draf?" not in response.text
    assert empty.name not in response.text


def test_question_page_shows_answer_related_and_programs(client, make_question, make_program):
    pkh = make_program(name="Program Keluarga Harapan", acronym="PKH")
    hidden = make_program(name="Program Draf", status=Status.DRAFT)
    other = make_question(question="Kapan PKH cair?")
    draft = make_question(question="Pertanyaan draf?", status=Status.DRAFT)
    question = make_question(question="Siapa yang berhak PKH?", answer="Keluarga di **DTKS**.")
    question.related.add(other, draft)
    question.programs.add(pkh, hidden)

    response = client.get(question.get_absolute_url())

    assert "<strong>DTKS</strong>" in response.text
    assert "Kapan PKH cair?" in response.text and "Pertanyaan draf?" not in response.text
    assert "Program Keluarga Harapan (PKH)" in response.text and "Program Draf" not in response.text
    assert 'id="jawaban"' in response.text


def test_draft_and_scheduled_questions_answer_404(client, make_question):
    draft = make_question(status=Status.DRAFT)
    scheduled = make_question(published_at=timezone.now() + timedelta(hours=2))

    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(scheduled.get_absolute_url()).status_code == 404


def test_category_page_lists_its_published_questions(client, category, make_question):
    make_question(question="Bagaimana cara mendaftar?")
    make_question(question="Draf kategori?", status=Status.DRAFT)

    response = client.get(category.get_absolute_url())

    assert "Bagaimana cara mendaftar?" in response.text and "Draf kategori?" not in response.text
    assert client.get("/tanya-jawab/kategori/tidak-ada/").status_code == 404


def test_clarifications_list_newest_first_with_verdicts(client, make_clarification):
    make_clarification(claim="Daftar PKH tahap 3 lewat pkh3.my.id", date="2022-08-01")
    make_clarification(claim="Bantuan ibu hamil 2025 lewat tautan", date="2025-02-01")
    make_clarification(claim="Klaim draf", status=Status.DRAFT)

    response = client.get(reverse("faq:clarifications"))

    assert response.text.index("Bantuan ibu hamil 2025") < response.text.index("pkh3.my.id")
    assert "Klaim draf" not in response.text
    assert "Hoaks" in response.text and "1 Februari 2025" in response.text


def test_clarification_page_shows_claim_verdict_explanation_and_sources(client, make_clarification):
    clarification = make_clarification(
        claim="Subsidi PPKM Rp300.000 lewat subsidippkm.online",
        explanation="Kemensos **tidak pernah** membuat situs itu.",
        date="2021-07-19",
    )
    clarification.sources.create(title="Kemensos, 19 Juli 2021", url="https://kemensos.go.id/hoaks")

    response = client.get(clarification.get_absolute_url())

    assert "Subsidi PPKM Rp300.000" in response.text
    assert "verdict-hoaks" in response.text
    assert "<strong>tidak pernah</strong>" in response.text
    assert "19 Juli 2021" in response.text and "https://kemensos.go.id/hoaks" in response.text


def test_draft_clarification_answers_404(client, make_clarification):
    assert client.get(make_clarification(status=Status.DRAFT).get_absolute_url()).status_code == 404


def test_faq_pages_run_a_fixed_number_of_queries(
    client, category, make_question, make_clarification, make_program, django_assert_max_num_queries
):
    questions = [make_question() for _ in range(8)]
    for question in questions:
        question.related.add(questions[0])
        question.programs.add(make_program())
    clarifications = [make_clarification() for _ in range(8)]
    for clarification in clarifications:
        clarification.programs.add(make_program())
        clarification.sources.create(title="Sumber", url="https://example.org/")

    with django_assert_max_num_queries(3):
        client.get(reverse("faq:list"))
    with django_assert_max_num_queries(3):
        client.get(category.get_absolute_url())
    # Detail pages: one more query each for the short link in the share box, one for the change notes.
    with django_assert_max_num_queries(6):
        client.get(questions[3].get_absolute_url())
    with django_assert_max_num_queries(3):
        client.get(reverse("faq:clarifications"))
    # A clarification: one more for the glossary terms its text is marked with.
    with django_assert_max_num_queries(6):
        client.get(clarifications[2].get_absolute_url())


def test_a_long_forwarded_message_is_kept_whole_and_shown_short_in_lists(client, make_clarification):
    message = "Selamat! Anda terpilih menerima bantuan Rp2 juta. " * 20 + "Klik tautan ini sekarang."
    clarification = make_clarification(claim=message)

    listing = client.get(reverse("faq:clarifications")).text
    detail = client.get(clarification.get_absolute_url()).text

    assert "Klik tautan ini sekarang." not in listing and "Selamat! Anda terpilih" in listing
    assert "Klik tautan ini sekarang." in detail
