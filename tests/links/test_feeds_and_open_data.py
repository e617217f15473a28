"""Feeds, sitemap, robots.txt, schema.org JSON-LD and open data downloads."""

import csv
import datetime
import io
import json
import re
import xml.etree.ElementTree as ET

import feedparser
from django.utils import timezone

from bansos_portal.publishing import Status
from programs.models import Program, ProgramSource

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def json_ld(html):
    return [
        json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]


# The schema.org properties each type may carry (from https://schema.org/<Type>, including inherited
# Thing/CreativeWork properties we use). A typo or an invented property fails the test.
SCHEMA_ORG = {
    "GovernmentService": {
        "name",
        "alternateName",
        "description",
        "url",
        "serviceType",
        "provider",
        "areaServed",
        "audience",
        "dateModified",
    },
    "GovernmentOrganization": {"name", "url"},
    "Country": {"name"},
    "Audience": {"audienceType"},
    "FAQPage": {"mainEntity"},
    "Question": {"name", "url", "acceptedAnswer"},
    "Answer": {"text"},
    "ClaimReview": {"name", "url", "datePublished", "claimReviewed", "author", "reviewRating", "itemReviewed"},
    "Rating": {"ratingValue", "bestRating", "worstRating", "alternateName"},
    "Claim": {"appearance"},
    "CreativeWork": {"text"},
}


def assert_schema_org(node):
    if isinstance(node, list):
        for item in node:
            assert_schema_org(item)
        return
    if not isinstance(node, dict):
        return
    kind = node["@type"]
    assert kind in SCHEMA_ORG, kind
    unknown = set(node) - SCHEMA_ORG[kind] - {"@type", "@context"}
    assert not unknown, (kind, unknown)
    for value in node.values():
        assert_schema_org(value)


def test_program_page_describes_a_government_service(client, make_program):
    make_program(slug="pkh", name="Program Keluarga Harapan", acronym="PKH", eligibility="Keluarga **miskin**.")
    (data,) = json_ld(client.get("/program/pkh/").text)
    assert_schema_org(data)
    assert data["@context"] == "https://schema.org" and data["@type"] == "GovernmentService"
    assert data["name"] == "Program Keluarga Harapan" and data["alternateName"] == "PKH"
    assert data["url"] == "http://testserver/program/pkh/"
    assert data["provider"] == {
        "@type": "GovernmentOrganization",
        "name": "Kementerian Sosial Republik Indonesia",
        "url": "https://kemensos.go.id/",
    }
    assert data["audience"]["audienceType"] == "Keluarga miskin."


def test_question_page_is_an_faq_page(client, make_question):
    make_question(slug="cara-daftar", question="Bisakah </script><b>daftar</b> online?", answer="Datang ke **desa**.")
    html = client.get("/tanya-jawab/cara-daftar/").text
    (data,) = json_ld(html)  # the question's own </script> cannot end the data block early
    assert_schema_org(data)
    assert data["@type"] == "FAQPage"
    assert data["mainEntity"][0]["name"] == "Bisakah </script><b>daftar</b> online?"
    assert data["mainEntity"][0]["acceptedAnswer"]["text"] == "Datang ke desa."


def test_clarification_is_a_claim_review_with_a_rating(client, make_clarification):
    make_clarification(slug="link-palsu", claim="Daftar lewat tautan ini.", date="2024-03-26")
    (data,) = json_ld(client.get("/cek-fakta/link-palsu/").text)
    assert_schema_org(data)
    assert data["@type"] == "ClaimReview" and data["claimReviewed"] == "Daftar lewat tautan ini."
    assert data["datePublished"] == "2024-03-26"
    assert data["reviewRating"]["ratingValue"] == 1 and data["reviewRating"]["alternateName"] == "Hoaks"


def test_updates_feed_parses_and_lists_only_published_items(client, make_program, make_question, make_clarification):
    make_program(slug="pkh", name="Program Keluarga Harapan")
    make_program(slug="rahasia", name="Program Rahasia", status=Status.DRAFT)
    make_question(question="Kapan bantuan cair?")
    make_clarification(claim="Pesan palsu tentang bansos")
    response = client.get("/pembaruan/atom.xml")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    titles = [entry.title for entry in feed.entries]
    assert len(titles) == 3
    assert "Baru · Program: Program Keluarga Harapan" in titles
    assert not any("Rahasia" in title for title in titles)
    assert all(entry.link.startswith("http://testserver/") for entry in feed.entries)


def test_feed_marks_changed_items_and_keeps_their_id_across_renames(client, make_program):
    program = make_program(slug="pkh", name="Program Keluarga Harapan")
    first_id = feedparser.parse(client.get("/pembaruan/atom.xml").content).entries[0].id
    Program.objects.filter(pk=program.pk).update(published_at=timezone.now() - datetime.timedelta(days=30))
    program.refresh_from_db()
    program.slug = "program-keluarga-harapan"
    program.save()
    entry = feedparser.parse(client.get("/pembaruan/atom.xml").content).entries[0]
    assert entry.title.startswith("Diperbarui · Program")
    assert entry.id == first_id and entry.link == "http://testserver/program/program-keluarga-harapan/"


def test_program_feed_has_the_program_and_its_questions_only(client, make_program, make_question, make_clarification):
    pkh = make_program(slug="pkh", name="Program Keluarga Harapan")
    make_question(question="Syarat PKH?").programs.add(pkh)
    make_question(question="Soal lain?")
    make_clarification(claim="Hoaks PKH").programs.add(pkh)
    feed = feedparser.parse(client.get("/program/pkh/atom.xml").content)
    assert not feed.bozo
    assert feed.feed.title == "Pembaruan Program Keluarga Harapan · Portal Bansos"
    assert len(feed.entries) == 3 and not any("Soal lain" in entry.title for entry in feed.entries)
    assert client.get("/program/tidak-ada/atom.xml").status_code == 404
    pages = client.get("/program/pkh/").text
    assert 'href="/program/pkh/atom.xml"' in pages


def test_sitemap_lists_only_published_pages_with_lastmod(client, make_program, make_question, category):
    make_program(slug="pkh")
    make_program(slug="rahasia", status=Status.DRAFT)
    make_program(slug="bst", status=Status.ARCHIVED)
    make_question(slug="kapan-cair")
    make_question(slug="draf", status=Status.DRAFT)
    response = client.get("/sitemap.xml")
    root = ET.fromstring(response.content)
    urls = {node.find("sm:loc", SITEMAP_NS).text: node for node in root.findall("sm:url", SITEMAP_NS)}
    assert "http://testserver/program/pkh/" in urls
    assert "http://testserver/tanya-jawab/kapan-cair/" in urls
    assert "http://testserver/tanya-jawab/kategori/pendaftaran/" in urls
    assert not any(slug in url for url in urls for slug in ("rahasia", "bst", "/draf/"))
    assert urls["http://testserver/program/pkh/"].find("sm:lastmod", SITEMAP_NS) is not None


def test_robots_txt_points_to_the_sitemap_and_does_not_name_the_admin(client, db):
    text = client.get("/robots.txt").text
    assert "admin" not in text  # public: it must not tell where the admin lives (its pages say noindex)
    assert "Sitemap: http://testserver/sitemap.xml" in text
    # Search result pages may be crawled; the suggestion fragments and the click ping may not.
    assert "Disallow: /cari/\n" not in text and "Disallow: /cari/saran/" in text


def test_budget_downloads_carry_source_and_licence(client, make_program, make_budget):
    pkh = make_program(slug="pkh", acronym="PKH")
    make_budget(
        program=pkh,
        year=2024,
        allocation=28_700_000_000_000,
        source="Nota Keuangan 2024",
        source_url="https://anggaran.kemenkeu.go.id/",
    )
    make_budget(program=make_program(slug="rahasia", status=Status.DRAFT), year=2024)
    rows = list(csv.DictReader(io.StringIO(client.get("/data-terbuka/anggaran.csv").content.decode("utf-8-sig"))))
    assert len(rows) == 1
    assert rows[0]["anggaran_rupiah"] == "28700000000000" and rows[0]["sumber"] == "Nota Keuangan 2024"
    assert rows[0]["lisensi"] == "CC BY 4.0"
    data = client.get("/data-terbuka/anggaran.json").json()
    assert "CC BY 4.0" in data["lisensi"] and data["data"][0]["url_sumber"] == "https://anggaran.kemenkeu.go.id/"


def test_budget_csv_download_defuses_formulas_and_the_json_keeps_the_source_as_written(client, make_budget):
    hostile = '@SUM(1+1)*cmd|" /C calc"!A0'
    make_budget(year=2024, source=hostile, realisation=None)

    rows = list(csv.DictReader(io.StringIO(client.get("/data-terbuka/anggaran.csv").content.decode("utf-8-sig"))))
    data = client.get("/data-terbuka/anggaran.json").json()["data"]

    assert rows[0]["sumber"] == "'" + hostile
    assert rows[0]["realisasi_rupiah"] == "" and rows[0]["program_slug"] == ""
    assert data[0]["sumber"] == hostile and data[0]["realisasi_rupiah"] is None


def test_component_downloads_name_the_program_source(client, make_program, make_component):
    pkh = make_program(slug="pkh", acronym="PKH")
    ProgramSource.objects.create(program=pkh, title="Pedoman PKH 2025", url="https://kemensos.go.id/pkh")
    make_component(pkh, name="Ibu hamil", amount=3_000_000)
    make_component(make_program(slug="bpnt"), name="Sembako", amount=200_000)
    rows = list(
        csv.DictReader(io.StringIO(client.get("/data-terbuka/komponen-manfaat.csv").content.decode("utf-8-sig")))
    )
    by_program = {row["program_slug"]: row for row in rows}
    assert by_program["pkh"]["besaran_rupiah"] == "3000000" and by_program["pkh"]["sumber"] == "Pedoman PKH 2025"
    assert by_program["bpnt"]["url_sumber"] == "http://testserver/program/bpnt/"
    assert client.get("/data-terbuka/komponen-manfaat.json").json()["data"][0]["lisensi"] == "CC BY 4.0"
    assert client.get("/data-terbuka/rahasia.csv").status_code == 404


def test_open_data_page_links_every_download_and_the_api(client, db):
    html = client.get("/data-terbuka/").text
    for href in (
        "/data-terbuka/anggaran.csv",
        "/data-terbuka/komponen-manfaat.json",
        "/api/v1/openapi.json",
        "/pembaruan/atom.xml",
        "/program/buklet/",
    ):
        assert f'href="{href}"' in html, href


def test_feeds_carry_the_public_change_notes(client, make_program, make_question, django_assert_max_num_queries):
    from django.contrib.contenttypes.models import ContentType

    from bansos_portal.editorial.models import ChangeNote

    pkh = make_program(slug="pkh", name="Program Keluarga Harapan")
    question = make_question(question="Syarat PKH?")
    question.programs.add(pkh)
    ChangeNote.objects.create(
        content_type=ContentType.objects.get_for_model(pkh), object_id=pkh.pk, note="Besaran ibu hamil 2025 diperbarui."
    )

    for address in ("/pembaruan/atom.xml", "/program/pkh/atom.xml"):
        entries = {entry.title: entry for entry in feedparser.parse(client.get(address).content).entries}
        program_entry = entries["Baru · Program: Program Keluarga Harapan"]
        assert "Perubahan penting (" in program_entry.summary
        assert "Besaran ibu hamil 2025 diperbarui." in program_entry.summary
        assert "Perubahan penting" not in entries["Baru · Tanya jawab: Syarat PKH?"].summary
    with django_assert_max_num_queries(5):  # items per kind, then every change note in one query
        client.get("/pembaruan/atom.xml")
