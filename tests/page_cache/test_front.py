"""The WSGI front (bansos_portal.wsgi) answers fresh stored pages itself, exactly as Django would, and
passes every other request on to Django."""

import io

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from bansos_portal.page_cache import front, middleware, store
from bansos_portal.wsgi import application, django_application

from .test_invalidation import save_where_the_cache_is_unreachable, start_a_new_process


@pytest.fixture(autouse=True)
def keep_the_test_transaction():
    # As Django's test client does: a request must not close the connection that holds the test's
    # transaction.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


class CountingDjango:
    def __init__(self):
        self.calls = 0

    def __call__(self, environ, start_response):
        self.calls += 1
        return django_application(environ, start_response)


@pytest.fixture
def django_calls(monkeypatch):
    counting = CountingDjango()
    monkeypatch.setattr(application, "application", counting)
    return counting


def get(path, query="", method="GET", **headers):
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "HTTP_ACCEPT_ENCODING": "gzip",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": io.StringIO(),
        **headers,
    }
    answer = {}

    def start_response(status, response_headers, exc_info=None):
        answer["status"], answer["headers"] = status, dict(response_headers)

    answer["body"] = b"".join(application(environ, start_response))
    return answer


@pytest.fixture
def program(make_program):
    return make_program(name="Program Keluarga Harapan", acronym="PKH", slug="pkh", summary="Bantuan tunai bersyarat.")


def test_a_stored_page_comes_from_the_front_exactly_as_django_sent_it(page_store, program, django_calls):
    first = get("/program/pkh/")
    second = get("/program/pkh/")

    assert django_calls.calls == 1  # the second never reached Django
    assert second == first
    assert first["status"] == "200 OK" and first["headers"]["Content-Encoding"] == "gzip"
    assert "public, max-age=60" in second["headers"]["Cache-Control"]


def test_after_humas_change_a_page_the_next_request_shows_the_change(page_store, program, django_calls):
    get("/program/pkh/")
    program.summary = "Bantuan tunai bersyarat untuk keluarga miskin, kini juga lansia."
    program.save()

    answer = get("/program/pkh/", HTTP_ACCEPT_ENCODING="identity")
    after = get("/program/pkh/", HTTP_ACCEPT_ENCODING="identity")

    assert django_calls.calls == 2
    assert "kini juga lansia" in answer["body"].decode()
    assert after == answer


def test_a_new_process_checks_the_database_before_answering_from_the_front(
    page_store, program, django_calls, monkeypatch
):
    get("/program/pkh/", HTTP_ACCEPT_ENCODING="identity")
    program.summary = "Bantuan tunai bersyarat, kini juga untuk lansia."
    save_where_the_cache_is_unreachable(monkeypatch, program)
    start_a_new_process()

    answer = get("/program/pkh/", HTTP_ACCEPT_ENCODING="identity")

    assert django_calls.calls == 2
    assert "kini juga untuk lansia" in answer["body"].decode()


@pytest.mark.parametrize(
    "request_details",
    [
        {"HTTP_COOKIE": "sessionid=abc"},
        {"HTTP_AUTHORIZATION": "Basic dXNlcjpwYXNz"},
        {"query": "pratinjau=1"},
        {"method": "HEAD"},
    ],
    ids=["signed-in", "credentials", "preview", "head"],
)
def test_requests_the_front_cannot_judge_go_to_django(page_store, program, django_calls, request_details):
    get("/program/pkh/")

    get("/program/pkh/", **request_details)

    assert django_calls.calls == 2


def test_a_revalidation_gets_its_304_from_django(page_store, program, django_calls):
    etag = get("/program/pkh/")["headers"]["ETag"]

    answer = get("/program/pkh/", HTTP_IF_NONE_MATCH=etag)

    assert answer["status"].startswith("304") and answer["body"] == b""
    assert django_calls.calls == 2


def test_a_search_with_a_personal_number_is_never_answered_from_the_store(page_store, make_question, django_calls):
    make_question(question="Bagaimana cek status PKH dengan NIK?")

    for _ in range(2):
        answer = get("/cari/", query="q=nik+3201234567890123")

    assert django_calls.calls == 2
    assert answer["headers"]["Cache-Control"] == "no-store"


def test_a_miss_asks_the_cache_once(page_store, program, django_calls, monkeypatch):
    lookups = []
    real_lookup = store.lookup
    counting = lambda key: lookups.append(key) or real_lookup(key)  # noqa: E731
    monkeypatch.setattr(front, "lookup", counting)
    monkeypatch.setattr(middleware, "lookup", counting)

    get("/program/pkh/")

    assert len(lookups) == 1 and django_calls.calls == 1


class CountingCache:
    """The page cache, counting the reads asked of it (a backend's get_many may itself call get)."""

    def __init__(self, cache):
        self.cache, self.reads = cache, []

    def get(self, *args, **kwargs):
        self.reads.append("get")
        return self.cache.get(*args, **kwargs)

    def get_many(self, *args, **kwargs):
        self.reads.append("get_many")
        return self.cache.get_many(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.cache, name)


def test_a_miss_reads_the_cache_in_one_round_trip(page_store, program, make_question, monkeypatch):
    make_question(question="Kapan bantuan PKH cair?")
    get("/program/pkh/")  # the first page of a generation computes when content next changes
    counting = CountingCache(store.cache())
    monkeypatch.setattr(store, "cache", lambda: counting)

    answer = get("/tanya-jawab/")  # not stored yet

    assert answer["status"] == "200 OK" and "Last-Modified" in answer["headers"]
    # Generation, page, Last-Modified and the next scheduled change, all from one read; storing the page
    # then reads the versions of the tags it read (once more if one of them was never bumped).
    assert counting.reads in (["get_many", "get_many"], ["get_many", "get_many", "get_many"])
    counting.reads.clear()
    assert get("/tanya-jawab/")["headers"]["Last-Modified"] == answer["headers"]["Last-Modified"]
    assert counting.reads == ["get_many", "get_many"]  # a hit: the page, then its tags' versions
