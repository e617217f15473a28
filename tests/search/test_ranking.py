import pytest

from bansos_portal.search import engine
from bansos_portal.search.models import CitizenWord
from bansos_portal.search.query import intent, parse_query
from bansos_portal.search.ranking import MESSAGE, QUESTION, concept_weights


def urls(query):
    return [entry.url for entry in engine.search(query, per_page=10).entries]


def titles(query):
    return [entry.title for entry in engine.search(query, per_page=10).entries]


@pytest.fixture
def demo(demo_content):
    """The shipped demo content, indexed as loading it indexes it."""


# Graded matching


def test_an_entry_missing_a_common_word_still_ranks_first(make_question):
    # "bantuan" is in nearly every entry, so it says little; the answer about lansia lacks it.
    for number in range(6):
        make_question(question=f"Bantuan tahap {number}", answer="Bantuan disalurkan lewat bank.")
    make_question(question="Syarat umum", answer="Bantuan untuk keluarga dengan lansia juga ada.")
    make_question(question="Layanan untuk lansia", answer="Pendamping datang ke rumah lansia.")

    assert titles("bantuan lansia")[0] == "Layanan untuk lansia"


def test_a_result_missing_a_filler_word_is_found_first(make_question):
    make_question(question="Cara mengurus kartu KKS yang hilang", answer="Datang ke bank penyalur.")
    make_question(question="Kartu apa saja", answer="Kartu KKS dipakai dong, hilang atau tidak.")

    assert titles("kartu kks ilang gimana dong")[0] == "Cara mengurus kartu KKS yang hilang"


def test_rare_words_weigh_more_than_common_ones():
    weights = concept_weights([[("bantu",)], [("lansia",)]], {"bantu": 90, "lansia": 3}, total=100)

    assert weights[1] > 3 * weights[0]
    assert sum(weights) == pytest.approx(1.0)


# Citizens' words


@pytest.mark.django_db
def test_citizens_spellings_become_standard_words_and_fillers_drop_out():
    parsed = parse_query("duit pkh blm masuk dong")

    assert [concept.typed for concept in parsed.concepts] == ["uang", "pkh", "belum", "masuk"]


@pytest.mark.django_db
def test_a_citizen_word_added_in_the_admin_applies_at_once():
    CitizenWord.objects.create(word="bansosnya", standard="bansos")

    assert [concept.typed for concept in parse_query("bansosnya dong").concepts] == ["bansos"]


# Intent


@pytest.mark.parametrize(
    "query",
    ["daftar pkh", "bantuan ibu hamil", "cara daftar bansos lewat whatsapp", "kapan bansos cair", "pkh cair 🙏"],
)
def test_questions_and_tasks_read_as_questions(query):
    assert intent(query) == QUESTION


@pytest.mark.parametrize(
    "query",
    [
        "Pendaftaran PKH tahap 3 dibuka! Klik pkh3.my.id sebelum kuota habis",
        "Pemerintah bagi saldo DANA gratis Rp2 juta, klaim segera",
        '"Bantuan ini dari bupati, kalau tidak memilih dia bansos dicabut"',
        # A post passed on with its pictographs: long, no question word.
        "Katanya bansos mau dihentikan bulan depan, semua penerima lama dicoret dari data 😭😭",
    ],
)
def test_pasted_messages_read_as_messages(query):
    assert intent(query) == MESSAGE


@pytest.mark.parametrize("query", ["daftar pkh", "bantuan ibu hamil"])
def test_tasks_get_the_official_answer_before_clarifications(demo, query):
    # The demo content holds hoaxes about PKH registration and about aid for pregnant women.
    found = urls(query)

    assert found[0].startswith(("/program/", "/tanya-jawab/"))
    # The program itself comes before any clarification that matches too.
    first_clarification = next((i for i, url in enumerate(found) if url.startswith("/cek-fakta/")), len(found))
    assert "/program/pkh/" in found[:first_clarification]
    assert engine.search(query, kind="clarification").entries


def test_a_pasted_hoax_message_gets_its_clarification_first(demo):
    message = "‼️ Pendaftaran PKH tahap 3 sudah dibuka, masukkan NIK kamu di pkh3.my.id sebelum kuota habis ‼️"

    assert urls(message)[0] == "/cek-fakta/hoaks-pendaftaran-pkh-tahap-3-pkh3-my-id/"
