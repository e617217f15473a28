"""The page store keeps only what is worth keeping, for whom it is meant: no copy per made-up query
parameter, and a made-up session cookie gets the stored page like any visitor."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.urls import resolve, reverse
from django.utils import timezone

from bansos_portal.page_cache import store


@pytest.fixture
def program(make_program):
    return make_program(name="Program Keluarga Harapan", acronym="PKH", slug="pkh", summary="Bantuan tunai bersyarat.")


def stored(urls):
    return [url for url in urls if cache.get(store.page_key(RequestFactory().get(url).META)) is not None]


def test_made_up_parameters_leave_no_copy_behind(client, page_store, program):
    junk = [f"{reverse('programs:list')}?x{number}={number}" for number in range(50)]

    answers = [client.get(url) for url in [*junk, reverse("programs:list")]]

    assert all(answer.status_code == 200 and "Program Keluarga Harapan" in answer.text for answer in answers)
    assert stored([*junk, reverse("programs:list")]) == [reverse("programs:list")]
    # nginx and CDNs key their copies by the whole address too: none of them may keep these.
    assert all("public" not in answer["Cache-Control"] for answer in answers[:-1])


def test_a_page_that_reads_some_parameters_is_stored_only_with_those(client, page_store, program):
    read = [f"{reverse('search')}?q=keluarga&jenis=program&page=1", f"{reverse('faq:clarifications')}?page=1"]
    unread = f"{reverse('search')}?q=keluarga&utm_source=whatsapp"

    for url in [*read, unread]:
        assert client.get(url).status_code == 200

    assert stored([*read, unread]) == read


def test_every_api_query_parameter_is_one_the_store_may_keep(client, db):
    document = client.get("/api/v1/openapi.json").json()

    for path, operations in document["paths"].items():
        if "get" not in operations:  # a POST (the pre-check) is never stored
            continue
        view_name = resolve("/api/v1" + re.sub(r"\{[^}]+\}", "x", path)).view_name
        declared = {param["name"] for param in operations["get"].get("parameters", []) if param["in"] == "query"}
        assert declared <= set(settings.PAGE_CACHE_QUERY_PARAMS.get(view_name, ())), path


@pytest.fixture
def ended_session(admin_user):
    staff = Client()
    staff.force_login(admin_user)
    key = staff.cookies[settings.SESSION_COOKIE_NAME].value
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - timedelta(minutes=1))
    return key


@pytest.mark.parametrize("cookie", ["x", "a" * 32, "ended"], ids=["short", "session-shaped", "ended-session"])
def test_a_session_cookie_that_names_no_live_session_gets_the_stored_page(
    client, page_store, program, ended_session, django_assert_num_queries, cookie
):
    first = client.get(program.get_absolute_url())
    client.cookies[settings.SESSION_COOKIE_NAME] = ended_session if cookie == "ended" else cookie

    with django_assert_num_queries(1):  # the session lookup; the page comes from the store
        again = client.get(program.get_absolute_url())

    assert again.status_code == 200 and again.content == first.content
    assert "public" in again["Cache-Control"]


def test_made_up_session_cookies_cannot_force_fresh_renderings(client, page_store, program, django_assert_num_queries):
    client.cookies[settings.SESSION_COOKIE_NAME] = "x"
    client.get(program.get_absolute_url())  # the first is rendered, and stored for everyone

    for number in range(4):
        client.cookies[settings.SESSION_COOKIE_NAME] = f"dibuat-buat-{number}"
        with django_assert_num_queries(1):  # the session lookup, never the page's own queries
            assert "Program Keluarga Harapan" in client.get(program.get_absolute_url()).text
