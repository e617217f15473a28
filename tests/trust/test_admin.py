"""Official accounts in the admin: a Penulis adds and corrects hidden accounts, only a Penyunting shows
one on the site, and every change refreshes the stored pages."""

import datetime

from django.urls import reverse

from bansos_portal.page_cache.models import ContentChange
from bansos_portal.trust.models import OfficialAccount, Platform

ADD_URL = reverse("admin:trust_officialaccount_add")


def account_form(**changes):
    data = {
        "platform": Platform.INSTAGRAM,
        "handle": "@akun_uji",
        "url": "https://www.instagram.com/akun_uji/",
        "source_url": "https://kemensos.go.id/",
        "verified_on": "2026-12-01",
        "order": "5",
        "is_published": "on",
    }
    return {**data, **changes}


def make_account(**fields):
    fields.setdefault("platform", Platform.INSTAGRAM)
    fields.setdefault("handle", "@akun_uji")
    fields.setdefault("url", "https://www.instagram.com/akun_uji/")
    fields.setdefault("source_url", "https://kemensos.go.id/")
    fields.setdefault("verified_on", datetime.date(2026, 12, 1))
    return OfficialAccount.objects.create(**fields)


def test_penulis_adds_an_account_that_stays_hidden(penulis, client):
    response = penulis.post(ADD_URL, account_form())

    assert response.status_code == 302
    account = OfficialAccount.objects.get(handle="@akun_uji")
    assert not account.is_published
    assert "@akun_uji" not in client.get("/akun-resmi/").content.decode()


def test_penulis_corrects_a_hidden_account(penulis):
    account = make_account(is_published=False)

    penulis.post(reverse("admin:trust_officialaccount_change", args=[account.pk]), account_form(handle="@benar"))

    account.refresh_from_db()
    assert account.handle == "@benar" and not account.is_published


def test_penulis_cannot_change_or_delete_a_shown_account(penulis):
    account = make_account(is_published=True)
    change_url = reverse("admin:trust_officialaccount_change", args=[account.pk])

    penulis.post(change_url, account_form(url="https://www.instagram.com/penipu/"))
    deleted = penulis.post(reverse("admin:trust_officialaccount_delete", args=[account.pk]), {"post": "yes"})

    account.refresh_from_db()
    assert account.url == "https://www.instagram.com/akun_uji/"
    assert deleted.status_code == 403
    assert OfficialAccount.objects.filter(pk=account.pk).exists()


def test_penyunting_shows_an_account_on_the_site(penyunting, client):
    penyunting.post(ADD_URL, account_form())

    assert OfficialAccount.objects.get(handle="@akun_uji").is_published
    assert "@akun_uji" in client.get("/akun-resmi/").content.decode()


def test_an_address_without_https_is_refused(penyunting):
    response = penyunting.post(ADD_URL, account_form(url="http://www.instagram.com/akun_uji/"))

    assert response.status_code == 200
    assert not OfficialAccount.objects.filter(handle="@akun_uji").exists()


def test_an_account_change_refreshes_stored_pages(db):
    before = ContentChange.objects.number()

    make_account(is_published=True)

    assert ContentChange.objects.number() > before
