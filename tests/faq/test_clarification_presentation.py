"""A clarification is shown as a correction: the verdict and the portal's own sentence lead everywhere
(page, lists, search, link previews, JSON-LD), and the hoax's words appear only as a marked quotation."""

import json
import re
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import strip_tags

from bansos_portal.content_file.dump import export_content
from bansos_portal.content_file.load import ContentError, import_content
from bansos_portal.editorial.prepublish import empty_sections
from bansos_portal.search import engine
from faq.models import Clarification

CLAIM = "Pendaftaran PKH tahap 3 sudah dibuka! Klik pkh3.my.id lalu masukkan NIK Anda."
CORRECTION = "Kemensos tidak membuka pendaftaran PKH lewat tautan"
HEADLINE = f"HOAKS \u2014 {CORRECTION}"


@pytest.fixture
def hoax(make_clarification):
    return make_clarification(
        slug="pkh-tahap-3",
        claim=CLAIM,
        correction=CORRECTION,
        explanation="**Faktanya:** Kemensos tidak pernah membuat situs pendaftaran bansos.",
    )


def text_of(html, tag):
    """The visible text of every `tag` element in `html`, whitespace folded."""
    found = re.findall(rf"<{tag}\b[^>]*>(.*?)</{tag}>", html, re.S)
    return [" ".join(unescape(strip_tags(part)).split()) for part in found]


def meta(html, key):
    match = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)">', html)
    return unescape(match.group(1))


def test_headline_is_the_verdict_and_the_correction(hoax):
    assert hoax.headline == HEADLINE
    assert str(hoax) == HEADLINE


def test_an_item_without_correction_gets_a_neutral_headline_never_the_claim(make_clarification):
    old = make_clarification(
        claim=CLAIM, correction="", explanation="**Faktanya:** Kemensos tidak pernah membuat situs pendaftaran."
    )

    assert old.headline == "Klarifikasi: Kemensos tidak pernah membuat situs pendaftaran."
    assert "pkh3" not in old.headline and "pkh3" not in str(old)


def test_a_new_clarification_needs_a_correction_but_an_old_one_stays_valid(make_clarification):
    new = Clarification(
        claim=CLAIM, slug="baru", verdict="hoaks", explanation="Penjelasan.", date="2024-01-01", correction=" "
    )
    with pytest.raises(ValidationError) as error:
        new.full_clean()
    assert "correction" in error.value.message_dict

    old = make_clarification(correction="")
    old.full_clean()  # rows written before the correction existed can still be edited


def test_a_correction_longer_than_a_headline_is_refused(make_clarification):
    clarification = make_clarification()
    clarification.correction = "kata " * 40

    with pytest.raises(ValidationError) as error:
        clarification.full_clean()

    assert "correction" in error.value.message_dict


def test_pre_publish_check_asks_for_the_correction(make_clarification):
    warnings = empty_sections(make_clarification(correction=""))

    assert warnings == ["Bagian wajib «koreksi (judul)» masih kosong."]


def test_page_leads_with_verdict_and_correction_and_quotes_the_claim(client, hoax):
    html = client.get(hoax.get_absolute_url()).text

    assert text_of(html, "h1") == [f"Hoaks \u2014 {CORRECTION}"]
    assert text_of(html, "title")[0].startswith(HEADLINE)
    assert meta(html, "og:title") == HEADLINE and meta(html, "twitter:title") == HEADLINE
    for key in ("og:description", "twitter:description", "description"):
        assert meta(html, key).startswith(HEADLINE + ". Klaim yang beredar (dikutip): \u201cPendaftaran PKH")
    assert text_of(html, "blockquote") == [CLAIM]
    label = html.index("Klaim yang beredar:")
    assert label < html.index("<blockquote") and "dikutip" in html[label : html.index("<blockquote")]
    headings = " ".join(text_of(html, "h1") + text_of(html, "h2") + text_of(html, "title"))
    assert "pkh3" not in headings


def test_json_ld_names_the_review_by_its_correction_and_keeps_the_claim_reviewed(client, hoax):
    html = client.get(hoax.get_absolute_url()).text
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(block)

    assert data["name"] == HEADLINE
    assert data["claimReviewed"] == CLAIM


def test_forwarded_message_leads_with_the_correction(client, hoax):
    html = client.get(hoax.get_absolute_url()).text
    message = unescape(re.search(r'<textarea id="pesan-teruskan"[^>]*>(.*?)</textarea>', html, re.S).group(1))

    assert message.startswith("*CEK FAKTA: HOAKS*\n")
    assert message.index(CORRECTION) < message.index("Pendaftaran PKH tahap 3")


@pytest.mark.parametrize("address", [reverse("faq:clarifications"), reverse("home")])
def test_lists_show_the_headline_and_never_the_claim_as_a_link(client, hoax, address):
    html = client.get(address).text

    link = re.search(rf'<a href="{hoax.get_absolute_url()}">(.*?)</a>', html, re.S).group(1)
    assert link == CORRECTION
    assert "pkh3" not in " ".join(text_of(html, "h2") + text_of(html, "a"))


def test_program_page_lists_its_clarifications_by_correction(client, hoax, make_program):
    program = make_program(slug="pkh")
    hoax.programs.add(program)

    html = client.get(program.get_absolute_url()).text

    assert f'<a href="{hoax.get_absolute_url()}">{CORRECTION}</a>' in html and "pkh3" not in html


def test_clarification_list_quotes_the_start_of_the_claim_below_the_headline(client, hoax):
    html = client.get(reverse("faq:clarifications")).text

    assert html.index(CORRECTION) < html.index("Klaim yang beredar (dikutip): <q>Pendaftaran PKH tahap 3")


def test_search_document_titles_the_correction_and_quotes_the_claim(hoax):
    document = hoax.search_document()

    assert document["title"] == HEADLINE
    assert document["summary"] == f"Klaim yang beredar (dikutip): \u201c{CLAIM}\u201d"


def test_search_results_page_titles_a_clarification_by_its_headline(client, hoax):
    html = client.get(reverse("search"), {"q": "pendaftaran pkh tahap 3 pkh3.my.id"}).text

    titles = text_of(html, "h2")
    assert HEADLINE in titles and not any("pkh3" in title for title in titles)
    (snippet,) = [text for text in text_of(html, "p") if "Klaim yang beredar (dikutip)" in text]
    assert "\u201cPendaftaran PKH tahap 3" in snippet


def test_suggestions_show_the_headline(client, hoax):
    html = client.get(reverse("search_suggestions"), {"q": "pendaftaran pkh"}).text

    assert HEADLINE in text_of(html, "a")
    assert "pkh3" not in html


def test_index_follows_a_new_correction_on_save(hoax):
    hoax.correction = "Pendaftaran PKH tidak pernah lewat tautan"
    hoax.save()

    assert engine.search("pkh tautan").entries[0].title == "HOAKS \u2014 Pendaftaran PKH tidak pernah lewat tautan"


def test_api_keeps_the_claim(client, hoax):
    (item,) = client.get("/api/v1/clarifications/").json()["results"]

    assert item["claim"] == CLAIM


def test_content_file_carries_the_correction_both_ways(hoax):
    exported = export_content()
    assert exported["clarifications"][0]["correction"] == CORRECTION

    exported["clarifications"][0]["correction"] = "Kemensos tidak membuka pendaftaran bansos lewat tautan"
    import_content(data=exported)

    hoax.refresh_from_db()
    assert hoax.headline == "HOAKS \u2014 Kemensos tidak membuka pendaftaran bansos lewat tautan"


def test_a_backup_made_before_corrections_existed_still_restores(db):
    old = {"slug": "lama", "claim": CLAIM, "verdict": "hoaks", "explanation": "Situs palsu.", "date": "2022-08-01"}

    import_content(data={"clarifications": [old]})

    assert Clarification.objects.get(slug="lama").headline == "Klarifikasi: Situs palsu."


def test_a_content_file_correction_that_is_not_text_is_named(db):
    item = {"slug": "x", "claim": CLAIM, "verdict": "hoaks", "explanation": "Situs.", "correction": 5}

    with pytest.raises(ContentError, match=r'clarifications\[0\] \(slug "x"\): correction harus berupa teks'):
        import_content(data={"clarifications": [item]})
