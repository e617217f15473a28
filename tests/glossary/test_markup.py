"""The first occurrence of each term is linked, and nothing else in the HTML changes: not links, headings,
code, attributes, parts of longer words, or a term already marked earlier on the page."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bansos_portal.glossary import markup
from bansos_portal.glossary.markup import Glossary, is_abbreviation
from bansos_portal.rich_text import render_markdown

DEFINITION = "Data tunggal untuk menentukan penerima bansos."
DTSEN = (1, "/istilah/dtsen/", DEFINITION, ["DTSEN", "Data Tunggal Sosial dan Ekonomi Nasional"])
KK = (2, "/istilah/kk/", "Kartu Keluarga.", ["KK", "Kartu Keluarga"])
DESIL = (3, "/istilah/desil/", "Peringkat kesejahteraan keluarga.", ["desil"])
SIKS = (4, "/istilah/siks/", "Contoh singkatan pendek.", ["SIKS"])
PENDAMPING = (5, "/istilah/pendamping-pkh/", "Petugas sosial PKH.", ["pendamping PKH"])
PKH = (6, "/istilah/pkh/", "Program Keluarga Harapan.", ["PKH"])
GLOSSARY = Glossary([DTSEN, KK, DESIL, SIKS, PENDAMPING, PKH])

LINKED_DTSEN = f'<a class="istilah" href="/istilah/dtsen/" title="{DEFINITION}"><abbr>DTSEN</abbr></a>'


def mark(html, marked=None):
    return GLOSSARY.mark(html, set() if marked is None else marked)


def test_only_the_first_occurrence_is_linked():
    html = mark("<p>Data DTSEN dikelola BPS. Cek DTSEN Anda.</p>")

    assert html == f"<p>Data {LINKED_DTSEN} dikelola BPS. Cek DTSEN Anda.</p>"


def test_a_term_marked_in_an_earlier_section_of_the_page_is_not_marked_again():
    marked = set()
    first = mark("<p>DTSEN</p>", marked)
    second = mark("<p>Sekali lagi DTSEN dan desil.</p>", marked)

    assert first.count('class="istilah"') == 1
    assert "/istilah/dtsen/" not in second
    assert '<a class="istilah" href="/istilah/desil/"' in second


def test_any_form_of_a_term_counts_as_its_first_occurrence():
    html = mark("<p>Data Tunggal Sosial dan Ekonomi Nasional (DTSEN) menggantikan DTKS.</p>")

    assert html.count('href="/istilah/dtsen/"') == 1
    assert ">Data Tunggal Sosial dan Ekonomi Nasional</a> (DTSEN)" in html


def test_a_long_form_split_over_lines_is_still_found():
    html = mark("<p>Data Tunggal Sosial\ndan Ekonomi Nasional</p>")

    assert 'href="/istilah/dtsen/"' in html


def test_text_inside_links_headings_and_code_is_left_alone_and_the_next_occurrence_is_marked():
    html = mark(
        '<h3>Apa itu DTSEN?</h3><p><a href="https://bps.go.id/">DTSEN di BPS</a></p>'
        "<p><code>DTSEN</code> <strong>DTSEN</strong></p>"
    )

    untouched = '<h3>Apa itu DTSEN?</h3><p><a href="https://bps.go.id/">DTSEN di BPS</a></p><p><code>DTSEN</code>'
    assert html.startswith(untouched)
    assert f"<strong>{LINKED_DTSEN}</strong>" in html


def test_attributes_are_never_changed():
    html = '<table><tr><td data-label="DTSEN">ya</td></tr></table><p><a href="/" title="DTSEN">x</a></p>'

    assert mark(html) == html


def test_whole_words_only():
    html = mark("<p>KKS, DTSENX, SIKS-NG dan kekkk bukan istilah.</p>")

    assert 'class="istilah"' not in html


def test_a_suffix_joined_by_a_hyphen_still_marks_the_term():
    assert 'href="/istilah/dtsen/"' in mark("<p>Data DTSEN-nya belum diperbarui.</p>")


def test_abbreviations_match_only_as_written_and_words_at_the_start_of_a_sentence_too():
    html = mark("<p>Isi kk dan Kk. Desil keluarga Anda naik.</p>")

    assert "/istilah/kk/" not in html
    assert '<a class="istilah" href="/istilah/desil/" title="Peringkat kesejahteraan keluarga.">Desil</a>' in html


def test_the_longest_form_wins():
    html = mark("<p>Tanyakan ke pendamping PKH Anda.</p>")

    assert ">pendamping PKH</a>" in html
    assert "/istilah/pkh/" not in html


def test_entities_and_markup_around_terms_are_kept_as_written():
    html = mark("<p>Tom &amp; Jerry &#8212; KK&nbsp;baru<br>desil</p>")

    assert html.startswith("<p>Tom &amp; Jerry &#8212; ")
    assert "</a>&nbsp;baru<br>" in html and html.endswith("desil</a></p>")


def test_the_definition_is_escaped_in_the_title():
    glossary = Glossary([(9, "/istilah/x/", 'Kata "kutip" & <tag>.', ["XYZ"])])

    assert 'title="Kata &quot;kutip&quot; &amp; &lt;tag&gt;."' in glossary.mark("<p>XYZ</p>", set())


def test_html_without_any_term_comes_back_unchanged():
    html = "<p>Bantuan untuk keluarga.</p>"

    assert mark(html) is html


def test_an_empty_glossary_marks_nothing():
    assert Glossary([]).mark("<p>DTSEN</p>", set()) == "<p>DTSEN</p>"


def test_what_counts_as_an_abbreviation():
    assert is_abbreviation("DTSEN") and is_abbreviation("SIKS-NG") and is_abbreviation("P2K2")
    assert not is_abbreviation("desil") and not is_abbreviation("e-Warong") and not is_abbreviation("2025")


def test_a_quoted_attribute_holding_a_bracket_is_read_by_the_parser_and_left_unchanged():
    html = '<p><a href="/" title="a > DTSEN">DTSEN</a> lalu DTSEN &amp; KK</p>'

    marked = mark(html)

    assert marked.startswith('<p><a href="/" title="a > DTSEN">DTSEN</a> lalu ')
    assert f"{LINKED_DTSEN} &amp; " in marked and "/istilah/kk/" in marked


def test_a_term_spelled_like_an_entity_name_never_breaks_the_entity():
    glossary = Glossary([(9, "/istilah/amp/", "Bukan entitas.", ["amp"])])

    assert glossary.mark("<p>A &amp; B, amp.</p>", set()) == (
        '<p>A &amp; B, <a class="istilah" href="/istilah/amp/" title="Bukan entitas.">amp</a>.</p>'
    )


WORDS = ["DTSEN", "KK", "desil", "PKH", "pendamping PKH", "Kartu Keluarga", "dan", "amp", "SIKS-NG"]
MARKUP = ["**", "`", "# ", "\n\n", "\n- ", "\n1. ", "&", "<", ">", '"', "[", "|"]
LINK_ENDS = ["](https://a.id/)", '](https://a.id/ "DTSEN dan KK")', '](https://a.id/ "t > DTSEN")']


@settings(max_examples=150, deadline=None)
@given(parts=st.lists(st.sampled_from(WORDS + MARKUP + LINK_ENDS), max_size=40))
def test_the_quick_split_marks_exactly_what_the_html_parser_marks(parts):
    html = render_markdown(" ".join(parts))
    quick = GLOSSARY.mark(html, set())
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(markup, "_pieces", lambda html: None)
        parsed = GLOSSARY.mark(html, set())

    assert quick == parsed


def test_a_section_marked_before_is_not_read_again_and_marks_the_same_terms(monkeypatch):
    glossary = Glossary([DTSEN, DESIL])
    html = "<p>Cek DTSEN dan desil Anda.</p>"
    first_marked, again_marked = set(), set()
    first = glossary.mark(html, first_marked)
    read = []
    monkeypatch.setattr(markup, "_pieces", lambda html: read.append(html))

    again = glossary.mark(html, again_marked)

    assert read == []  # the next render of the page: the section's marked HTML is remembered
    assert again == first and again_marked == first_marked == {1, 3}


def test_a_remembered_section_after_other_terms_were_marked_links_only_the_rest():
    glossary = Glossary([DTSEN, DESIL])
    html = "<p>Cek DTSEN dan desil Anda.</p>"
    glossary.mark(html, set())  # remembered with nothing marked before it

    marked = {1}  # an earlier section of this page linked DTSEN already
    html = glossary.mark(html, marked)

    assert "/istilah/dtsen/" not in html and '<a class="istilah" href="/istilah/desil/"' in html
    assert marked == {1, 3}
