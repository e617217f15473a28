"""The trust pages: who runs the portal, how to reach it, what it records, the official accounts."""

import datetime

import pytest
from django.urls import reverse

from bansos_portal.templatetags import bansos
from bansos_portal.trust.models import OfficialAccount, Platform

TRUST_PAGES = ["/tentang/", "/kontak/", "/privasi/", "/akun-resmi/"]


@pytest.fixture(autouse=True)
def _fresh_fixed_fragments(monkeypatch):
    # The header is rendered once per process; a test that changes a setting needs a fresh one.
    monkeypatch.setattr(bansos, "_fixed_fragments", {})


def make_account(**fields):
    fields.setdefault("platform", Platform.INSTAGRAM)
    fields.setdefault("handle", "@akun_uji")
    fields.setdefault("url", "https://www.instagram.com/akun_uji/")
    fields.setdefault("source_url", "https://kemensos.go.id/")
    fields.setdefault("verified_on", datetime.date(2026, 12, 1))
    fields.setdefault("is_published", True)
    return OfficialAccount.objects.create(**fields)


@pytest.mark.parametrize("url", TRUST_PAGES)
def test_trust_page_renders_without_setting_a_cookie(client, db, url):
    response = client.get(url)

    assert response.status_code == 200
    assert not response.cookies
    assert "Set-Cookie" not in response.headers
    assert "public" in response["Cache-Control"]


def test_about_page_explains_who_runs_it_and_how_content_is_checked(client, db):
    text = client.get("/tentang/").content.decode()

    assert "Kementerian Sosial Republik Indonesia" in text
    assert "<strong>Penulis</strong> menulis" in text
    assert "<strong>Penyunting</strong> memeriksa" in text
    assert "sumbernya dan tanggal terakhir ditinjau" in text
    assert "Apakah halaman ini membantu?" in text
    assert reverse("trust:contact") in text


def test_contact_page_names_the_official_channels(client, db):
    text = client.get("/kontak/").content.decode()

    assert 'href="tel:171"' in text
    assert "https://www.lapor.go.id/" in text


def test_contact_page_shows_no_email_until_one_is_set(client, db, settings):
    settings.CONTACT_EMAIL = ""
    without = client.get("/kontak/").content.decode()
    settings.CONTACT_EMAIL = "humas@contoh.go.id"
    with_email = client.get("/kontak/").content.decode()

    assert "mailto:" not in without
    assert "belum dicantumkan" in without
    assert 'href="mailto:humas@contoh.go.id"' in with_email


def test_privacy_page_states_what_is_and_is_not_recorded(client, db):
    text = client.get("/privasi/").content.decode()

    assert "tidak memasang cookie" in text
    assert "tidak menyimpan alamat IP" in text
    assert "90 hari" in text and "per halaman per hari" in text
    assert "180 hari" in text
    assert "«[angka]»" in text
    assert "tidak disimpan, tidak dicatat di log" in text


def test_header_names_the_operator_from_the_setting(client, db, settings):
    settings.SITE_OPERATOR = "Biro Hubungan Masyarakat Kementerian Sosial"

    text = client.get("/").content.decode()

    assert "Dikelola oleh" in text
    assert "Biro Hubungan Masyarakat Kementerian Sosial" in text


def test_header_names_the_ministry_by_default(client, db):
    text = client.get("/program/").content.decode()

    assert 'Dikelola oleh <a href="/tentang/">Kementerian Sosial Republik Indonesia</a>' in text


def test_accounts_page_lists_only_published_accounts(client, db):
    make_account(handle="@akun_terbit", url="https://www.instagram.com/akun_terbit/")
    make_account(handle="@akun_draf", url="https://www.instagram.com/akun_draf/", is_published=False)

    text = client.get("/akun-resmi/").content.decode()

    assert "@akun_terbit" in text and "https://www.instagram.com/akun_terbit/" in text
    assert "@akun_draf" not in text


def test_accounts_page_names_the_platforms_without_a_verified_account(client, db):
    make_account(platform=Platform.YOUTUBE, handle="@kanal_uji", url="https://www.youtube.com/@kanal_uji")
    OfficialAccount.objects.filter(platform=Platform.INSTAGRAM).update(is_published=False)
    make_account(handle="@tersembunyi", url="https://www.instagram.com/tersembunyi/", is_published=False)

    text = client.get("/akun-resmi/").content.decode()
    missing = text.split("Belum ada akun terverifikasi di portal ini untuk:")[1].split(".")[0]

    assert "Instagram" in missing and "TikTok" in missing
    assert "YouTube" not in missing


def test_accounts_shipped_with_the_portal_carry_a_source(client, db):
    shipped = OfficialAccount.objects.published()

    assert {account.url for account in shipped} >= {"https://kemensos.go.id/"}
    assert all(account.source_url.startswith("https://") and account.verified_on for account in shipped)


def test_scam_warning_links_to_the_official_accounts_and_the_advice(client, db):
    text = client.get("/").content.decode()
    warning = text.split('class="scam-warning"')[1].split("</aside>")[0]

    assert 'href="/akun-resmi/"' in warning
    assert 'href="/akun-resmi/#cara-mengenali"' in warning
    assert 'id="cara-mengenali"' in client.get("/akun-resmi/").content.decode()


def test_clarification_page_links_to_the_official_accounts(client, make_clarification):
    clarification = make_clarification()

    article = client.get(clarification.get_absolute_url()).content.decode().split("<article")[1]

    assert 'href="/akun-resmi/"' in article


def test_footer_links_to_the_four_pages(client, db):
    footer = client.get("/").content.decode().split('class="site-footer"')[1]

    for url in TRUST_PAGES:
        assert f'href="{url}"' in footer


def test_sitemap_lists_the_four_pages(client, db):
    text = client.get("/sitemap.xml").content.decode()

    for url in TRUST_PAGES:
        assert f"<loc>http://testserver{url}</loc>" in text
