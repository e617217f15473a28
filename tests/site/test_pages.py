"""What every public page promises: no cookies, the scam warning, no inline code, Indonesian."""

import pytest
from django.urls import reverse


@pytest.fixture
def public_urls(make_program, make_question, make_clarification, make_budget, category):
    program = make_program(acronym="PKH", eligibility="Keluarga miskin.")
    question = make_question()
    question.programs.add(program)
    clarification = make_clarification()
    make_budget()
    return [
        reverse("home"),
        reverse("programs:list"),
        program.get_absolute_url(),
        reverse("programs:budgets"),
        reverse("faq:list"),
        category.get_absolute_url(),
        question.get_absolute_url(),
        reverse("faq:clarifications"),
        clarification.get_absolute_url(),
        reverse("search"),
        reverse("search") + "?q=keluarga",
        reverse("search") + "?q=tidakadasamasekali",
    ]


def test_every_public_page_renders(client, public_urls):
    for url in public_urls:
        assert client.get(url).status_code == 200, url


def test_anonymous_pages_set_no_cookies(client, public_urls):
    for url in public_urls + ["/tidak-ada/"]:
        response = client.get(url)
        assert not response.cookies, url
        assert "Set-Cookie" not in response.headers, url


def test_every_page_warns_about_scams_with_official_channels(client, public_urls):
    for url in public_urls + ["/tidak-ada/"]:
        text = client.get(url).text
        assert "tidak pernah meminta uang, NIK" in text, url
        assert "Call Center 171" in text and "lapor.go.id" in text, url


def test_pages_have_no_inline_scripts_or_styles(client, public_urls):
    for url in public_urls:
        response = client.get(url)
        html = response.text.lower()
        assert "<style" not in html and " style=" not in html, url
        for script in html.split("<script")[1:]:
            opening = script.split(">")[0]
            # schema.org JSON-LD is a data block: browsers never execute it, and it has no src.
            if 'type="application/ld+json"' in opening:
                continue
            assert script.lstrip().startswith("src=") or " src=" in opening, url
        assert " onclick=" not in html and " onload=" not in html, url
        assert "script-src 'self'" in response["Content-Security-Policy"], url


def test_pages_load_no_third_party_assets(client, public_urls):
    for url in public_urls:
        html = client.get(url).text
        assert 'src="http' not in html and 'href="//' not in html, url
        assert '<link rel="stylesheet" href="/static/' in html, url


def test_pages_are_in_indonesian_and_have_a_skip_link(client, public_urls):
    for url in public_urls:
        html = client.get(url).text
        assert '<html lang="id">' in html, url
        assert 'href="#isi"' in html and 'id="isi"' in html, url


def test_home_page_shows_programs_questions_facts_and_budget(
    client, make_program, make_question, make_clarification, make_budget
):
    make_program(name="Program Keluarga Harapan", acronym="PKH")
    make_question(question="Bagaimana cara cek penerima bansos?")
    make_clarification(claim="Pendaftaran BLT lewat tautan WhatsApp", correction="BLT tidak didaftarkan lewat tautan")
    make_budget(year=2019, allocation=58_900_000_000_000)

    text = client.get(reverse("home")).text

    assert "PKH" in text and "Bagaimana cara cek penerima bansos?" in text
    assert "BLT tidak didaftarkan lewat tautan" in text
    assert "Rp58,9 triliun" in text and "2019" in text


def test_home_page_runs_a_fixed_number_of_queries(
    client, make_program, make_question, make_clarification, make_budget, django_assert_max_num_queries
):
    for _ in range(6):
        make_program()
        make_question()
        make_clarification()
        make_budget()

    # Five: programs, questions, clarifications, the budget highlight and the registration answer the
    # «Cara mendaftar» task links to.
    with django_assert_max_num_queries(5):
        client.get(reverse("home"))


def test_error_500_page_is_indonesian_and_standalone(client, db):
    from django.template.loader import render_to_string

    html = render_to_string("500.html")

    assert "Maaf, terjadi gangguan" in html and "tidak pernah meminta uang, NIK" in html


def test_unsupported_method_is_refused_cleanly(client, db):
    assert client.post(reverse("home")).status_code == 405


def test_favicon_requests_find_the_icon(client, db):
    response = client.get("/favicon.ico")

    assert response.status_code == 301 and response["Location"].endswith("img/favicon.svg")


def test_pages_are_compressed_for_slow_connections(client, make_program):
    program = make_program(description="Keterangan panjang tentang program. " * 100)

    response = client.get(program.get_absolute_url(), headers={"Accept-Encoding": "gzip"})

    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
