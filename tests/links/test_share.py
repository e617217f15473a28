"""Anchors, copy links, share links, embed snippet, canonical and share-card tags on the public pages."""

import json
import re
from html import unescape
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlparse

import pytest

from bansos_portal.links.models import ShortLink


def tag_attributes(html, name):
    """The attributes of every `name` element, as a browser's parser reads them."""
    found = []
    parser = HTMLParser()
    parser.handle_starttag = lambda tag, attrs: found.append(dict(attrs)) if tag == name else None
    parser.feed(html)
    return found


def json_ld_blocks(html):
    return [
        json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]


def test_inline_script_check_still_refuses_executable_inline_scripts(client, make_program):
    """The page-wide test allows JSON-LD data blocks only; an executable inline script stays visible to it."""
    html = client.get(make_program(eligibility="Keluarga miskin.").get_absolute_url()).text.lower()
    scripts = [part.split(">")[0] for part in html.split("<script")[1:]]
    assert scripts, "program pages carry JSON-LD and the copy-link script"
    for opening in scripts:
        assert 'type="application/ld+json"' in opening or " src=" in opening


def test_every_program_section_has_an_anchor_and_a_copy_link(client, make_program):
    program = make_program(slug="pkh", eligibility="Keluarga miskin.", registration="1. Datang ke desa.")
    html = client.get("/program/pkh/").text
    for anchor in ("syarat", "cara-daftar"):
        assert f'id="{anchor}"' in html
        assert f'href="http://testserver/program/pkh/#{anchor}" data-copy>Salin tautan' in html
    assert '<script src="/static/js/copy-link.js" defer></script>' in html
    assert program.get_absolute_url() == "/program/pkh/"


def test_faq_answer_and_clarification_have_copy_links(client, make_question, make_clarification):
    question = make_question(slug="cara-cek")
    clarification = make_clarification(slug="link-palsu")
    assert (
        'href="http://testserver/tanya-jawab/cara-cek/#jawaban" data-copy'
        in client.get(question.get_absolute_url()).text
    )
    html = client.get(clarification.get_absolute_url()).text
    assert 'href="http://testserver/cek-fakta/link-palsu/#penjelasan" data-copy' in html


def test_program_page_offers_short_link_share_links_leaflet_and_embed_code(client, make_program):
    program = make_program(slug="pkh", acronym="PKH")
    ShortLink.objects.create(code="pkh", program=program)
    html = client.get("/program/pkh/").text
    assert 'href="http://testserver/s/pkh/" data-copy>http://testserver/s/pkh/' in html
    whatsapp = re.search(r'href="(https://wa.me/\?[^"]+)"', html).group(1).replace("&amp;", "&")
    assert "http://testserver/s/pkh/" in parse_qs(urlparse(whatsapp).query)["text"][0]
    for network in (
        "https://t.me/share/url?",
        "https://www.facebook.com/sharer/sharer.php?",
        "https://x.com/intent/post?",
    ):
        assert network in html
    assert 'href="/program/pkh/leaflet/"' in html
    assert "&lt;iframe src=&quot;http://testserver/sematkan/program/pkh/&quot;" in html


def test_embed_code_keeps_a_quote_in_the_title_inside_the_title(client, make_program):
    """Partners paste the code into their own site: a title must not be able to add attributes there."""
    make_program(slug="pkh", name='PKH" onload="alert(1)')

    html = client.get("/program/pkh/").text

    shown = re.search(r'<textarea id="kode-sematan"[^>]*>(.*?)</textarea>', html, re.S).group(1)
    assert "title=&quot;PKH&amp;quot; onload=&amp;quot;alert(1) · Portal Bansos&quot;" in shown
    (iframe,) = tag_attributes(unescape(shown), "iframe")  # the text the reader copies and pastes
    assert iframe["title"] == 'PKH" onload="alert(1) · Portal Bansos'
    assert "onload" not in iframe and iframe["src"] == "http://testserver/sematkan/program/pkh/"


def test_question_page_offers_its_embed_code(client, make_question):
    html = client.get(make_question(slug="syarat-pkh").get_absolute_url()).text
    assert "&lt;iframe src=&quot;http://testserver/sematkan/tanya-jawab/syarat-pkh/&quot;" in html


def test_clarification_shares_as_a_ready_to_forward_message(client, make_clarification):
    clarification = make_clarification(
        slug="link-pendaftaran-palsu",
        claim="Daftar bansos Rp 3,5 juta lewat tautan ini, isi NIK dan nomor rekening.",
        explanation="Kemensos **tidak pernah** membuka pendaftaran lewat tautan berantai.",
    )
    ShortLink.objects.create(code="hoaks-tautan", clarification=clarification)
    html = client.get(clarification.get_absolute_url()).text
    message = re.search(r'<textarea id="pesan-teruskan"[^>]*>(.*?)</textarea>', html, re.S).group(1)
    assert message.startswith("*CEK FAKTA: HOAKS*")
    assert "Daftar bansos Rp 3,5 juta lewat tautan ini" in message
    assert "Kemensos tidak pernah membuka pendaftaran" in message
    # The official link, then where to complain: the message always ends with both.
    assert message.rstrip().endswith(
        "http://testserver/s/hoaks-tautan/\nPengaduan resmi: Call Center 171 · lapor.go.id"
    )
    whatsapp = re.search(r'href="(https://wa.me/\?[^"]+)"', html).group(1).replace("&amp;", "&")
    assert parse_qs(urlparse(whatsapp).query)["text"][0].startswith("*CEK FAKTA: HOAKS*")


def test_pages_declare_their_canonical_address_without_query(client, make_program):
    make_program(slug="pkh")
    assert (
        '<link rel="canonical" href="http://testserver/program/pkh/">' in client.get("/program/pkh/?utm_source=wa").text
    )
    assert '<link rel="canonical" href="http://testserver/cek-fakta/">' in client.get("/cek-fakta/?page=1").text


def test_program_page_has_open_graph_and_twitter_card_with_its_share_image(client, make_program):
    make_program(slug="pkh", name="Program Keluarga Harapan", acronym="PKH")
    html = client.get("/program/pkh/").text
    assert '<meta property="og:title" content="Program Keluarga Harapan (PKH)">' in html
    assert '<meta property="og:image" content="http://testserver/program/pkh/gambar-bagikan.png">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert '<meta property="og:url" content="http://testserver/program/pkh/">' in html


def test_share_image_is_a_1200_by_630_png(client, make_program):
    from io import BytesIO

    from PIL import Image

    make_program(slug="pkh", acronym="PKH")
    response = client.get("/program/pkh/gambar-bagikan.png")
    assert response["Content-Type"] == "image/png"
    assert Image.open(BytesIO(response.content)).size == (1200, 630)
    assert client.get("/program/tidak-ada/gambar-bagikan.png").status_code == 404


@pytest.mark.parametrize("path", ["/data-terbuka/", "/tanya-jawab/", "/"])
def test_other_pages_have_default_share_tags(client, db, path):
    html = client.get(path).text
    assert '<meta property="og:site_name" content="Portal Bansos">' in html
    assert '<meta name="twitter:card" content="summary">' in html


def test_printed_pages_carry_their_own_address(client, make_program):
    ShortLink.objects.create(code="pkh", program=make_program(slug="pkh"))
    html = client.get("/program/pkh/").text
    assert (
        '<p class="print-only">Alamat halaman ini: http://testserver/program/pkh/ · tautan pendek: http://testserver/s/pkh/</p>'
        in html
    )


def test_forwarded_message_says_faktanya_once(client, make_clarification):
    clarification = make_clarification(explanation="**Faktanya:** pendaftaran hanya lewat desa.")
    html = client.get(clarification.get_absolute_url()).text
    message = re.search(r'<textarea id="pesan-teruskan"[^>]*>(.*?)</textarea>', html, re.S).group(1)
    assert "Faktanya: pendaftaran hanya lewat desa." in message and message.count("Faktanya") == 1
