"""/istilah/ and /istilah/<slug>/ as a citizen uses them, and the terms marked on the pages that use them."""

import pytest
from django.urls import reverse

from bansos_portal.glossary.models import TermSource
from bansos_portal.publishing import Status

LIST_URL = reverse("glossary:list")


@pytest.fixture
def glossary(make_term):
    dtsen = make_term("DTSEN", forms=["Data Tunggal Sosial dan Ekonomi Nasional"], short_definition="Data penerima.")
    return {
        "dtsen": dtsen,
        "desil": make_term("desil", short_definition="Peringkat kesejahteraan keluarga di DTSEN."),
        "ewarong": make_term("e-Warong", short_definition="Warung mitra penerima Sembako."),
        "draft": make_term("DTKS", status=Status.DRAFT),
    }


def test_the_list_shows_every_published_term_under_its_letter(client, glossary):
    response = client.get(LIST_URL)

    html = response.content.decode()
    assert response.status_code == 200
    assert [letter for letter, _, _ in response.context["letters"]] == ["D", "E"]
    assert '<a href="#huruf-d">D</a>' in html and '<h2 id="huruf-e-judul">E</h2>' in html
    assert html.index(">desil</a>") < html.index(">DTSEN</a>")
    assert "Warung mitra penerima Sembako." in html
    assert "DTKS" not in html


def test_search_tolerates_a_typo(client, glossary):
    response = client.get(LIST_URL, {"q": "dtsn"})

    assert [term.term for term in response.context["terms"]] == ["DTSEN"]
    assert "1 istilah cocok dengan «dtsn»" in response.content.decode()


def test_search_finds_other_forms_and_definitions(client, glossary):
    assert [t.term for t in client.get(LIST_URL, {"q": "data tunggal"}).context["terms"]] == ["DTSEN"]
    assert [t.term for t in client.get(LIST_URL, {"q": "peringkat"}).context["terms"]] == ["desil"]


def test_search_never_shows_a_draft(client, glossary):
    assert client.get(LIST_URL, {"q": "DTKS"}).context["terms"] == []


def test_no_match_says_so_and_offers_the_site_search(client, glossary):
    html = client.get(LIST_URL, {"q": "zzxqy"}).content.decode()

    assert "Tidak ada istilah yang cocok dengan «zzxqy»" in html
    assert f'href="{reverse("search")}?q=zzxqy"' in html


@pytest.mark.parametrize("query", ["a" * 5000, "DTSEN\x00", "\u202e\u202d", "🙂", "<script>alert(1)</script>"])
def test_bad_input_gets_a_page(client, glossary, query):
    response = client.get(LIST_URL, {"q": query})

    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_the_term_page_explains_the_term_with_its_sources(client, glossary, make_question):
    dtsen = glossary["dtsen"]
    dtsen.explanation = "Menggantikan DTKS. Peringkat keluarga disebut desil."
    dtsen.last_reviewed_at = "2026-12-06"
    dtsen.save()
    TermSource.objects.create(term=dtsen, title="Okezone, 14 Februari 2025", url="https://news.okezone.com/x")
    question = make_question(question="Apa itu DTSEN?", answer="DTSEN dikelola BPS.")
    make_question(question="Tentang desil", answer="Tidak menyebut istilahnya: DTSENX.")

    response = client.get(dtsen.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>DTSEN</h1>" in html
    assert "<dfn>DTSEN</dfn>: Data penerima." in html
    assert "Disebut juga: Data Tunggal Sosial dan Ekonomi Nasional" in html
    assert 'Diperbarui <time datetime="2026-12-06">6 Desember 2026</time>' in html
    assert '<a href="https://news.okezone.com/x" rel="noopener">Okezone, 14 Februari 2025</a>' in html
    assert response.context["pages"] == [("Tanya jawab", [("Apa itu DTSEN?", question.get_absolute_url())])]
    # Other terms in the explanation are linked; the page's own term is not linked to itself.
    assert f'href="{glossary["desil"].get_absolute_url()}"' in html
    assert f'href="{dtsen.get_absolute_url()}"' not in html


def test_a_draft_or_unknown_term_is_not_found(client, glossary):
    assert client.get(glossary["draft"].get_absolute_url()).status_code == 404
    assert client.get(reverse("glossary:detail", args=["tidak-ada"])).status_code == 404


def test_the_answer_page_links_the_first_occurrence_of_each_term(client, glossary, make_question):
    question = make_question(
        answer="### Tentang DTSEN\n\nDTSEN dipakai. DTSEN diperbarui. Desil Anda [DTSEN](https://bps.go.id/)."
    )

    html = client.get(question.get_absolute_url()).content.decode()

    assert html.count(f'href="{glossary["dtsen"].get_absolute_url()}"') == 1
    assert "<h3>Tentang DTSEN</h3>" in html
    assert f'<a class="istilah" href="{glossary["desil"].get_absolute_url()}"' in html


def test_the_clarification_page_links_terms_in_its_explanation(client, glossary, make_clarification):
    clarification = make_clarification(explanation="Data penerima ada di DTSEN, bukan di formulir.")

    html = client.get(clarification.get_absolute_url()).content.decode()

    assert f'<a class="istilah" href="{glossary["dtsen"].get_absolute_url()}"' in html


def test_the_footer_and_the_sitemap_lead_to_the_glossary(client, glossary):
    home = client.get(reverse("home")).content.decode()
    sitemap = client.get("/sitemap.xml").content.decode()

    assert f'<a href="{LIST_URL}">Daftar istilah</a>' in home
    assert f"http://testserver{LIST_URL}</loc>" in sitemap
    assert f"http://testserver{glossary['dtsen'].get_absolute_url()}</loc>" in sitemap
    assert glossary["draft"].get_absolute_url() not in sitemap


def test_the_program_page_links_each_term_once_across_its_sections(client, glossary, make_program):
    program = make_program(eligibility="Terdaftar di DTSEN, desil 1–4.", registration="Cek DTSEN Anda.")

    html = client.get(program.get_absolute_url()).content.decode()

    assert html.count(f'href="{glossary["dtsen"].get_absolute_url()}"') == 1
    assert html.count(f'href="{glossary["desil"].get_absolute_url()}"') == 1
