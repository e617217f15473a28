"""A change outdates exactly the stored pages that show it: every page that shows the changed item
shows the change at once, and pages that do not show it stay stored. One case per content kind."""

import datetime

import pytest
from django.test import RequestFactory

from bansos_portal.links.models import ShortLink, SlugHistory
from bansos_portal.page_cache import store
from bansos_portal.trust.models import OfficialAccount, Platform
from faq.models import Category

# Pages a citizen or an integrator reads, besides the item pages of the world below.
SITE_PAGES = [
    "/",
    "/program/",
    "/anggaran/",
    "/anggaran/anggaran-bansos.csv",
    "/tanya-jawab/",
    "/cek-fakta/",
    "/cari/?q=keluarga",
    "/cari/?q=bansos",
    "/dinas-sosial/",
    "/tentang/",
    "/kontak/",
    "/akun-resmi/",
    "/data-terbuka/",
    "/data-terbuka/anggaran.csv",
    "/data-terbuka/komponen-manfaat.csv",
    "/data-terbuka/dinas-sosial.csv",
    "/pembaruan/atom.xml",
    "/sitemap.xml",
    "/api/v1/programs/",
    "/api/v1/budgets/",
    "/api/v1/faq/questions/",
    "/api/v1/clarifications/",
    "/api/v1/search/?q=keluarga",
]


@pytest.fixture
def world(make_program, make_component, make_budget, make_question, make_clarification, make_office, category):
    pkh = make_program(name="Program Keluarga Harapan", acronym="PKH", slug="pkh", summary="Bantuan tunai bersyarat.")
    bpnt = make_program(name="Bantuan Pangan Non Tunai", acronym="BPNT", slug="bpnt", summary="Bantuan pangan.")
    other_category = Category.objects.create(name="Pencairan", slug="pencairan")
    items = {
        "pkh": pkh,
        "bpnt": bpnt,
        "component": make_component(pkh, name="Ibu hamil"),
        "bpnt component": make_component(bpnt, name="Keluarga penerima"),
        "budget": make_budget(program=pkh, year=2024, allocation=28_700_000_000_000, source="Kemensos 2024"),
        "bpnt budget": make_budget(program=bpnt, year=2024, allocation=45_000_000_000_000, source="Kemensos 2024"),
        "category": category,
        "question": make_question(question="Bagaimana cara daftar PKH?", answer="Lewat desa atau kelurahan."),
        "other question": make_question(question="Kapan BPNT cair?", answer="Tiap bulan.", category=other_category),
        "clarification": make_clarification(claim="Pendaftaran PKH lewat tautan pendek", explanation="Itu hoaks."),
        "office": make_office("35.73"),
        "account": OfficialAccount.objects.create(
            platform=Platform.INSTAGRAM,
            handle="@kemensosri",
            url="https://www.instagram.com/kemensosri/",
            source_url="https://kemensos.go.id/",
            verified_on=datetime.date(2026, 12, 1),
            is_published=True,
        ),
        "short link": ShortLink.objects.create(code="daftar", path="/tanya-jawab/"),
    }
    items["question"].programs.add(pkh)
    items["clarification"].programs.add(pkh)
    bpnt.slug = "bantuan-pangan"  # leaves the old address behind, answered with a redirect
    bpnt.save()
    items["slug history"] = SlugHistory.objects.get(old_slug="bpnt")
    return items


def pages_of(world):
    items = [world[name] for name in ("pkh", "bpnt", "category", "question", "other question", "clarification")]
    return [
        *SITE_PAGES,
        *(item.get_absolute_url() for item in items),
        world["office"].region.get_absolute_url(),
        "/program/bpnt/",  # the old address
        "/s/daftar/",
        f"/api/v1/programs/{world['pkh'].slug}/",
    ]


def is_stored_and_current(url):
    return store.lookup(store.page_key(RequestFactory().get(url).META)).current


def fresh(client, settings, url):
    """The page as the portal renders it now, past the store."""
    seconds, settings.PAGE_CACHE_SECONDS = settings.PAGE_CACHE_SECONDS, 0
    try:
        return client.get(url).content
    finally:
        settings.PAGE_CACHE_SECONDS = seconds


def change_and_compare(client, settings, world, change, django_capture_on_commit_callbacks):
    """Store every page, make the change, and return the pages that stayed stored and those whose content
    changed; fails if any page is served differently from a fresh rendering."""
    urls = pages_of(world)
    # The store is empty: each first visit renders the page afresh and stores it.
    before = {url: client.get(url).content for url in urls}
    stored = {url for url in urls if is_stored_and_current(url)}
    assert len(stored) > len(urls) // 2, "most pages are stored before the change"

    with django_capture_on_commit_callbacks(execute=True):
        change(world)

    kept = {url for url in stored if is_stored_and_current(url)}
    after = {url: fresh(client, settings, url) for url in urls}
    for url in urls:
        assert client.get(url).content == after[url], f"{url} is served stale"
    showing = {url for url in urls if before[url] != after[url]}
    assert not showing & kept
    return kept, showing


def edit(name, field, value):
    def change(world):
        item = world[name]
        setattr(item, field, value)
        item.save()

    return change


def delete(name):
    return lambda world: world[name].delete()


def link(name, program):
    return lambda world: world[name].programs.add(world[program])


# A change, and pages that must stay stored after it: addresses, or the names of items in the world.
CHANGES = {
    "program": (
        edit("pkh", "summary", "Bantuan tunai bersyarat, kini juga untuk lansia."),
        ["/dinas-sosial/", "other question"],
    ),
    "another program": (
        edit("bpnt", "summary", "Bantuan pangan bulanan."),
        ["/program/pkh/", "/dinas-sosial/", "question"],
    ),
    "benefit component": (edit("component", "name", "Ibu hamil dan nifas"), ["/tanya-jawab/", "/cek-fakta/"]),
    "budget": (edit("budget", "allocation", 30_100_000_000_000), ["/tanya-jawab/", "/cek-fakta/"]),
    "another program's budget": (edit("bpnt budget", "allocation", 46_000_000_000_000), ["/program/pkh/"]),
    "faq question": (
        edit("question", "answer", "Lewat desa, kelurahan, atau aplikasi."),
        ["/anggaran/", "other question", "bpnt", "clarification"],
    ),
    "question linked to another program": (link("question", "bpnt"), ["/program/pkh/", "other question"]),
    "category": (
        edit("category", "name", "Pendaftaran dan syarat"),
        ["/anggaran/", "/dinas-sosial/", "other question"],
    ),
    "clarification": (
        edit("clarification", "explanation", "Itu hoaks: tautannya palsu."),
        ["/anggaran/", "question", "other question", "bpnt"],
    ),
    "office": (edit("office", "phones", "(031) 999-888"), ["/program/pkh/", "/anggaran/", "/tanya-jawab/"]),
    "trust page account": (edit("account", "handle", "@kemensos.ri"), ["/program/pkh/", "/anggaran/"]),
    "short link": (edit("short link", "path", "/cek-fakta/"), ["/program/pkh/", "/anggaran/", "/tanya-jawab/"]),
    "slug history": (delete("slug history"), ["/program/pkh/", "/anggaran/", "/tanya-jawab/"]),
    "program withdrawn": (edit("bpnt", "status", "archived"), ["/dinas-sosial/", "/tanya-jawab/", "question"]),
}


def addresses(world, pages):
    return {page if page.startswith("/") else world[page].get_absolute_url() for page in pages}


@pytest.mark.parametrize("kind", list(CHANGES))
def test_a_change_outdates_every_page_that_shows_it_and_no_other(
    kind, client, settings, page_store, world, django_capture_on_commit_callbacks
):
    change, unaffected = CHANGES[kind]

    kept, showing = change_and_compare(client, settings, world, change, django_capture_on_commit_callbacks)

    assert addresses(world, unaffected) <= kept, (kind, sorted(addresses(world, unaffected) - kept))


def test_a_linked_program_published_later_shows_on_the_question_page_at_once(
    client, settings, page_store, world, django_capture_on_commit_callbacks
):
    """The question page read its programs through the link table and left the archived one out: it must
    still be outdated when that program is published again."""
    world["question"].programs.add(world["bpnt"])
    world["bpnt"].status = "archived"
    world["bpnt"].save()

    kept, showing = change_and_compare(
        client, settings, world, edit("bpnt", "status", "published"), django_capture_on_commit_callbacks
    )

    assert world["question"].get_absolute_url() in showing
    assert world["other question"].get_absolute_url() in kept


def test_links_cleared_outdate_the_pages_that_listed_them(
    client, settings, page_store, world, django_capture_on_commit_callbacks
):
    kept, showing = change_and_compare(
        client, settings, world, lambda world: world["question"].programs.clear(), django_capture_on_commit_callbacks
    )

    assert {"/program/pkh/", world["question"].get_absolute_url()} <= showing
    assert world["other question"].get_absolute_url() in kept


def test_a_budget_change_outdates_its_program_the_budget_pages_the_api_and_the_csvs(
    client, settings, page_store, world, django_capture_on_commit_callbacks
):
    change = edit("budget", "allocation", 30_100_000_000_000)

    kept, showing = change_and_compare(client, settings, world, change, django_capture_on_commit_callbacks)

    budget_pages = {"/program/pkh/", "/anggaran/", "/anggaran/anggaran-bansos.csv", "/data-terbuka/anggaran.csv"}
    assert budget_pages <= showing
    assert "/api/v1/budgets/" not in kept
    assert {"/tanya-jawab/", "/cek-fakta/", "/dinas-sosial/"} <= kept
