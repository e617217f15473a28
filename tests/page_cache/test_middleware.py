"""Anonymous pages are cacheable (HTTP and server-side) and never show stale facts."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from bansos_portal.page_cache import middleware, store
from bansos_portal.publishing import Status


@pytest.fixture
def program(make_program):
    return make_program(name="Program Keluarga Harapan", acronym="PKH", slug="pkh", summary="Bantuan tunai bersyarat.")


def test_anonymous_pages_are_public_for_a_short_while_with_validators(client, program):
    response = client.get(program.get_absolute_url())

    cache_control = response["Cache-Control"]
    assert "public" in cache_control and "max-age=60" in cache_control
    assert "stale-while-revalidate=30" in cache_control and "stale-if-error" in cache_control
    assert response["ETag"].startswith('"') and response.has_header("Last-Modified")


def test_a_browser_holding_the_page_gets_304_even_after_a_fresh_rendering(client, program):
    first = client.get(program.get_absolute_url())

    again = client.get(program.get_absolute_url(), headers={"If-None-Match": first["ETag"]})

    assert again.status_code == 304 and not again.content


def test_a_stored_page_answers_if_modified_since_with_304(client, page_store, program):
    first = client.get(program.get_absolute_url())

    since = client.get(program.get_absolute_url(), headers={"If-Modified-Since": first["Last-Modified"]})

    assert since.status_code == 304


def test_the_etag_changes_with_the_content(client, program):
    before = client.get(program.get_absolute_url())["ETag"]
    program.summary = "Bantuan tunai bersyarat, dibayar empat tahap."
    program.save()

    response = client.get(program.get_absolute_url(), headers={"If-None-Match": before})

    assert response.status_code == 200 and response["ETag"] != before


def test_the_etag_holds_for_compressed_pages(client, program):
    plain = client.get(reverse("home"))
    gzipped = client.get(reverse("home"), headers={"Accept-Encoding": "gzip"})

    assert gzipped["Content-Encoding"] == "gzip"
    assert gzipped["ETag"].strip('W/"') == plain["ETag"].strip('"')
    assert "Accept-Encoding" in gzipped["Vary"]


def test_a_stored_page_is_served_without_touching_the_database(client, page_store, program, django_assert_num_queries):
    first = client.get(program.get_absolute_url())

    with django_assert_num_queries(0):
        second = client.get(program.get_absolute_url())

    assert second.status_code == 200 and second.content == first.content
    assert "public" in second["Cache-Control"]


def test_a_head_request_is_answered_from_the_store_without_a_body(client, page_store, program):
    client.get(program.get_absolute_url())

    response = client.head(program.get_absolute_url())

    assert response.status_code == 200 and response.content == b""


@pytest.mark.parametrize("change", ["rename", "unpublish", "delete"])
def test_every_page_showing_a_program_reflects_a_change_at_once(client, page_store, program, change):
    pages = [reverse("home"), reverse("programs:list"), reverse("search") + "?q=bersyarat"]
    for url in [*pages, program.get_absolute_url()]:
        assert "Program Keluarga Harapan" in client.get(url).text, url

    if change == "rename":
        program.name = "Program Keluarga Sejahtera Harapan"
        program.save()
    elif change == "unpublish":
        program.status = Status.DRAFT
        program.save()
    else:
        program.delete()

    for url in pages:
        text = client.get(url).text
        assert ("Program Keluarga Sejahtera Harapan" in text) == (change == "rename"), url
    expected = 200 if change == "rename" else 404
    assert client.get(program.get_absolute_url()).status_code == expected


def test_new_content_appears_at_once(client, page_store, make_program, make_question, make_clarification):
    client.get(reverse("programs:list"))
    client.get(reverse("faq:list"))
    client.get(reverse("faq:clarifications"))

    make_program(name="Program Indonesia Pintar")
    make_question(question="Kapan bantuan PIP cair?")
    make_clarification(claim="Link pendaftaran PIP lewat WhatsApp")

    assert "Program Indonesia Pintar" in client.get(reverse("programs:list")).text
    assert "Kapan bantuan PIP cair?" in client.get(reverse("faq:list")).text
    assert "Link pendaftaran PIP lewat WhatsApp" in client.get(reverse("faq:clarifications")).text


def test_budget_and_component_changes_show_at_once(client, page_store, program, make_budget, make_component):
    budget = make_budget(year=2024, allocation=28_000_000_000_000)
    component = make_component(program, name="Ibu hamil", amount=3_000_000)
    assert "Rp28 triliun" in client.get(reverse("programs:budgets")).text
    assert "3.000.000" in client.get(program.get_absolute_url()).text

    budget.allocation = 29_500_000_000_000
    budget.save()
    component.amount = 3_750_000
    component.save()

    assert "Rp29,5 triliun" in client.get(reverse("programs:budgets")).text
    assert "3.750.000" in client.get(program.get_absolute_url()).text


def test_a_category_rename_shows_at_once(client, page_store, category, make_question):
    make_question()
    client.get(reverse("faq:list"))

    category.name = "Pendaftaran dan syarat"
    category.save()

    assert "Pendaftaran dan syarat" in client.get(reverse("faq:list")).text


# The clock is frozen and moved: the stored list page would stay fresh for PAGE_CACHE_SECONDS (300 s)
# if its freshness did not end at the next scheduled change.
def test_an_item_scheduled_for_now_appears_the_moment_it_is_due(client, page_store, make_program):
    with freeze_time(timezone.now()) as clock:
        due = timezone.now() + timedelta(minutes=1)
        make_program(name="Bantuan Langsung Tunai Terjadwal", published_at=due)

        before = client.get(reverse("programs:list"))
        clock.move_to(due - timedelta(seconds=1))
        just_before = client.get(reverse("programs:list"))
        clock.move_to(due)
        after = client.get(reverse("programs:list"))

    assert "Bantuan Langsung Tunai Terjadwal" not in before.text
    assert "Bantuan Langsung Tunai Terjadwal" not in just_before.text
    assert "Bantuan Langsung Tunai Terjadwal" in after.text


def test_an_item_disappears_at_its_unpublish_time(client, page_store, make_program):
    with freeze_time(timezone.now()) as clock:
        ends = timezone.now() + timedelta(minutes=1)
        make_program(name="Bantuan Sementara Banjir", unpublish_at=ends)

        before = client.get(reverse("programs:list"))
        clock.move_to(ends - timedelta(seconds=1))
        just_before = client.get(reverse("programs:list"))
        clock.move_to(ends)
        after = client.get(reverse("programs:list"))

    assert "Bantuan Sementara Banjir" in before.text
    assert "Bantuan Sementara Banjir" in just_before.text
    assert "Bantuan Sementara Banjir" not in after.text


def test_browsers_are_never_told_to_keep_a_page_past_a_scheduled_change(client, page_store, make_program):
    make_program(name="Segera terbit", published_at=timezone.now() + timedelta(seconds=20))

    response = client.get(reverse("programs:list"))

    max_age = int(response["Cache-Control"].split("max-age=")[1].split(",")[0])
    assert 0 < max_age <= 20


def test_a_date_only_an_earlier_version_had_is_not_a_scheduled_change(client, page_store, make_program):
    program = make_program(name="Segera terbit", published_at=timezone.now() + timedelta(seconds=20))
    program.published_at = timezone.now() - timedelta(minutes=1)  # published at once instead
    program.save()

    response = client.get(reverse("programs:list"))

    assert program.history.count() == 2  # the history still holds the version with the future date
    max_age = int(response["Cache-Control"].split("max-age=")[1].split(",")[0])
    assert max_age > 20


def test_signed_in_staff_get_fresh_uncached_pages(client, page_store, program, admin_user):
    client.force_login(admin_user)
    client.get(program.get_absolute_url())

    response = client.get(program.get_absolute_url())

    assert "public" not in response.get("Cache-Control", "")
    client.logout()
    assert cache.get(store.page_key(RequestFactory().get(program.get_absolute_url()).META)) is None


@pytest.mark.parametrize("param", ["pratinjau", "preview"])
def test_preview_links_are_never_stored_or_marked_public(client, page_store, program, param):
    url = f"{program.get_absolute_url()}?{param}=token"

    response = client.get(url)

    assert "public" not in response.get("Cache-Control", "")
    assert cache.get(store.page_key(RequestFactory().get(url).META)) is None


def test_pages_that_set_cookies_are_not_stored(client, page_store, db):
    response = client.get(reverse("admin:login"))

    assert response.cookies and "public" not in response.get("Cache-Control", "")
    assert cache.get(store.page_key(RequestFactory().get(reverse("admin:login")).META)) is None


@pytest.mark.parametrize("cache_control", ["private", "no-store", "no-cache"])
def test_a_view_can_refuse_caching(page_store, db, cache_control):
    calls = []

    def view(request):
        calls.append(1)
        response = HttpResponse("<p>Untuk Anda saja</p>")
        response["Cache-Control"] = cache_control
        return response

    stack = middleware.PageCacheMiddleware(middleware.HttpCachingMiddleware(view))
    first = stack(RequestFactory().get("/pribadi/"))
    stack(RequestFactory().get("/pribadi/"))

    assert first["Cache-Control"] == cache_control and len(calls) == 2


def test_probes_are_never_cached(client, page_store, db):
    for url in ("/healthz", "/readyz"):
        assert "no-store" in client.get(url)["Cache-Control"], url


def test_search_statistics_do_not_empty_the_cache(client, page_store, program, django_assert_num_queries):
    client.get(reverse("home"))
    client.get(reverse("search") + "?q=pkh")  # records a search statistic

    with django_assert_num_queries(0):
        client.get(reverse("home"))


def test_htmx_fragments_and_full_pages_are_stored_apart(client, page_store, program):
    url = reverse("search") + "?q=keluarga"
    full = client.get(url)

    fragment = client.get(url, headers={"HX-Request": "true"})

    assert b"<html" in full.content and b"<html" not in fragment.content


def test_change_notes_and_short_links_show_at_once(client, page_store, program):
    from django.contrib.contenttypes.models import ContentType

    from bansos_portal.editorial.models import ChangeNote
    from bansos_portal.links.models import ShortLink

    client.get(program.get_absolute_url())

    ChangeNote.objects.create(
        content_type=ContentType.objects.get_for_model(program), object_id=program.pk, note="Besaran 2025 diperbarui."
    )
    ShortLink.objects.create(code="keluarga-harapan", program=program)
    page = client.get(program.get_absolute_url()).text

    assert "Besaran 2025 diperbarui." in page and "/s/keluarga-harapan" in page


def test_the_shipped_nginx_front_keys_its_copies_by_every_header_a_stored_page_varies_on():
    # nginx splits its copies by the cache key, not by Vary (browsers spell Accept-Encoding in many ways,
    # and each spelling would replace the other's copy), so the key must hold each header the portal's
    # public pages may vary on, and the portal must be asked with the same encoding the key names.
    config = (settings.BASE_DIR / "bansos_portal" / "deploy" / "nginx" / "portal-bansos.conf").read_text()
    key = re.search(r'proxy_cache_key "([^"]+)";', config).group(1)

    assert "proxy_ignore_headers Vary;" in config
    for header in store.KEYED_HEADERS:
        if header == "accept-encoding":
            assert "$portal_encoding" in key
            assert "proxy_set_header Accept-Encoding $portal_encoding;" in config
        else:
            assert f"$http_{header.replace('-', '_')}" in key
