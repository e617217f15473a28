"""{% mark_terms %}: one page marks each published term once, across all the HTML it marks."""

from datetime import timedelta

from django.template import Context, Template
from django.utils import timezone

from bansos_portal.publishing import Status

PAGE = Template("{% load glossary %}<div>{% mark_terms first %}</div><div>{% mark_terms second %}</div>")


def render(first, second=""):
    return PAGE.render(Context({"first": first, "second": second}))


def test_the_first_occurrence_on_the_page_is_marked_whichever_section_it_is_in(make_term):
    dtsen = make_term("DTSEN", short_definition="Data tunggal penerima bansos.")

    html = render("<p>Tanpa istilah.</p>", "<p>DTSEN lalu DTSEN.</p>")

    assert html.count(f'href="{dtsen.get_absolute_url()}"') == 1
    assert 'title="Data tunggal penerima bansos."' in html


def test_a_term_marked_in_one_section_is_not_marked_in_the_next(make_term):
    make_term("DTSEN")

    html = render("<p>DTSEN</p>", "<p>DTSEN</p>")

    assert html.count('class="istilah"') == 1
    assert html.endswith("<div><p>DTSEN</p></div>")


def test_each_page_starts_anew(make_term):
    make_term("KPM")

    assert 'class="istilah"' in render("<p>KPM</p>")
    assert 'class="istilah"' in render("<p>KPM</p>")


def test_only_published_terms_meant_for_pages_are_marked(make_term):
    make_term("DTKS", status=Status.DRAFT)
    make_term("KK", mark_on_pages=False)
    make_term("NIK", published_at=timezone.now() + timedelta(days=1))
    make_term("KPM")

    html = render("<p>DTKS, KK, NIK dan KPM.</p>")

    assert html.count('class="istilah"') == 1
    assert ">KPM</abbr></a>" in html


def test_the_subject_of_a_page_is_never_linked_to_itself(make_term):
    desil = make_term("desil")
    page = Template("{% load glossary %}{% mark_terms html subject=term %}")

    assert page.render(Context({"html": "<p>desil 1</p>", "term": desil})) == "<p>desil 1</p>"


def test_no_html_gives_nothing(make_term):
    make_term("KPM")

    assert render(None) == "<div></div><div></div>"
