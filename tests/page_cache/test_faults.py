"""Faults: the database goes down, slows down or comes back; Redis goes away.

On PostgreSQL the database really is cut: the app's connection runs through a TCP proxy that the
test drops. SQLite has no network to cut, so there every query fails the way a locked or missing
database file does.
"""

import os
import time
import uuid
from datetime import timedelta
from types import SimpleNamespace

import pytest
import redis
from django.db import connection
from django.db.utils import OperationalError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bansos_portal.health import server_error
from bansos_portal.page_cache import middleware, store
from bansos_portal.publishing import Status

from .fault_proxy import FaultProxy

CONNECT_TIMEOUT = 3


class SqliteFaults:
    """Fails (or slows) every query on the test connection."""

    def __init__(self):
        self.delay, self.down = 0.0, False
        self._wrapper = connection.execute_wrapper(self._execute)
        self._wrapper.__enter__()

    def _execute(self, execute, sql, params, many, context):
        if self.down:
            raise OperationalError("database is locked")
        time.sleep(self.delay)
        return execute(sql, params, many, context)

    def cut(self):
        self.down = True

    def heal(self):
        self.down, self.delay = False, 0.0

    def stop(self):
        self._wrapper.__exit__(None, None, None)


@pytest.fixture
def database(transactional_db):
    """The app's database, which the test can cut, heal and slow down (`delay` seconds per round trip)."""
    if connection.vendor != "postgresql":
        faults = SqliteFaults()
        yield faults
        faults.stop()
        return
    saved = dict(connection.settings_dict)
    proxy = FaultProxy(saved["HOST"] or "127.0.0.1", int(saved["PORT"] or 5432)).start()
    connection.close()
    connection.settings_dict.update(HOST="127.0.0.1", PORT=str(proxy.port))
    yield proxy
    proxy.heal()
    connection.close()
    connection.settings_dict.update(HOST=saved["HOST"], PORT=saved["PORT"])
    proxy.stop()


@pytest.fixture
def visitor():
    return Client(raise_request_exception=False)


@pytest.fixture
def program(make_program):
    return make_program(name="Program Keluarga Harapan", slug="pkh")


def timed_get(client, url):
    started = time.monotonic()
    response = client.get(url)
    return response, time.monotonic() - started


@pytest.mark.django_db(transaction=True)
def test_database_down_gives_a_fast_friendly_503(visitor, database, program):
    database.cut()

    response, seconds = timed_get(visitor, program.get_absolute_url())

    assert response.status_code == 503
    assert "sedang dalam pemeliharaan" in response.text and "Call Center 171" in response.text
    assert response["Retry-After"] and "no-store" in response["Cache-Control"]
    assert seconds < CONNECT_TIMEOUT


@pytest.mark.django_db(transaction=True)
def test_readyz_reports_the_database_down_and_healthz_stays_up(visitor, database):
    database.cut()

    ready = visitor.get("/readyz")

    assert ready.status_code == 503
    assert ready.json()["status"] == "unavailable" and ready.json()["database"].startswith("error")
    assert visitor.get("/healthz").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_stored_pages_are_still_served_while_the_database_is_down(visitor, database, page_store, program):
    fresh = visitor.get(program.get_absolute_url())
    visitor.get(reverse("programs:list"))
    program.summary = "Diubah tepat sebelum gangguan."
    program.save()  # both stored pages are now outdated, yet better than nothing while the database is down
    database.cut()

    stale = visitor.get(program.get_absolute_url())
    listing = visitor.get(reverse("programs:list"))
    unknown = visitor.get(reverse("faq:list"))

    assert stale.status_code == 200 and stale.content == fresh.content
    assert "public" not in stale["Cache-Control"]
    assert listing.status_code == 200
    assert unknown.status_code == 503


def withdraw(program, how):
    if how == "delete":
        program.delete()
        return
    if how == "archive":
        program.status = Status.ARCHIVED
    elif how == "unpublish":
        program.status = Status.DRAFT
    else:
        program.unpublish_at = timezone.now() - timedelta(seconds=1)
    program.save()


@pytest.mark.parametrize("how", ["archive", "unpublish", "end", "delete"])
@pytest.mark.django_db(transaction=True)
def test_a_withdrawn_page_is_never_served_while_the_database_is_down(
    visitor, database, page_store, program, make_program, how
):
    other = make_program(name="Program Sembako", slug="sembako")
    visitor.get(program.get_absolute_url())
    assert "Program Keluarga Harapan" in visitor.get(reverse("programs:list")).text
    withdraw(program, how)
    assert visitor.get(program.get_absolute_url()).status_code in (404, 410)
    kept = visitor.get(other.get_absolute_url())  # stored after the withdrawal
    other.summary = "Diubah tepat sebelum gangguan."
    other.save()  # an ordinary edit: that stored copy is outdated, yet better than nothing
    database.cut()

    withdrawn = visitor.get(program.get_absolute_url())
    listing = visitor.get(reverse("programs:list"))
    unrelated = visitor.get(other.get_absolute_url())

    assert withdrawn.status_code == 503 and "Program Keluarga Harapan" not in withdrawn.text
    assert listing.status_code == 503 and "Program Keluarga Harapan" not in listing.text
    assert unrelated.status_code == 200 and unrelated.content == kept.content


@pytest.mark.django_db(transaction=True)
def test_no_page_is_served_stale_past_an_unpublish_time_it_could_show(
    visitor, database, page_store, make_program, monkeypatch
):
    ending = make_program(name="Bantuan Sementara Banjir", unpublish_at=timezone.now() + timedelta(minutes=10))
    visitor.get(ending.get_absolute_url())
    database.cut()
    an_hour_later = time.time() + 3600
    monkeypatch.setattr(middleware, "time", SimpleNamespace(time=lambda: an_hour_later))

    response = visitor.get(ending.get_absolute_url())

    assert response.status_code == 503 and "Bantuan Sementara Banjir" not in response.text


@pytest.mark.django_db(transaction=True)
def test_signed_in_staff_get_the_maintenance_page_too(visitor, database, admin_user, program):
    visitor.force_login(admin_user)
    database.cut()

    response = visitor.get(program.get_absolute_url())

    assert response.status_code == 503 and "sedang dalam pemeliharaan" in response.text


@pytest.mark.django_db(transaction=True)
def test_the_site_recovers_without_a_restart(visitor, database, program):
    database.cut()
    assert visitor.get(program.get_absolute_url()).status_code == 503

    database.heal()

    assert visitor.get(program.get_absolute_url()).status_code == 200
    assert visitor.get("/readyz").json()["database"] == "ok"


@pytest.mark.django_db(transaction=True)
def test_a_slow_database_still_renders_every_page(visitor, database, program, make_question):
    make_question(question="Bagaimana cara mendaftar PKH?")
    database.delay = 0.2

    responses = [timed_get(visitor, url) for url in (program.get_absolute_url(), reverse("faq:list"))]

    for response, seconds in responses:
        assert response.status_code == 200
        assert 0.2 <= seconds < 30  # slower, but well inside the app server's timeout


@pytest.fixture
def redis_cache(settings):
    """The page store on the real Redis, under a key prefix of this test's own (removed afterwards;
    never FLUSHDB, which would empty a Redis others use)."""
    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
    prefix = f"bansos-test-{uuid.uuid4().hex}"
    settings.PAGE_CACHE_SECONDS = 300
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": prefix,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    store.CacheDown.down_until = 0.0
    yield
    client = redis.Redis.from_url(url)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def test_pages_are_stored_in_redis_and_invalidated_on_change(client, redis_cache, program, django_assert_num_queries):
    client.get(program.get_absolute_url())
    with django_assert_num_queries(0):
        assert client.get(program.get_absolute_url()).status_code == 200

    program.summary = "Ringkasan terbaru dari Humas."
    program.save()

    assert "Ringkasan terbaru dari Humas." in client.get(program.get_absolute_url()).text
    assert client.get("/readyz").json() == {"status": "ok", "database": "ok", "cache": "ok"}


def test_the_site_works_without_redis(settings, visitor, program):
    settings.PAGE_CACHE_SECONDS = 300
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    store.CacheDown.down_until = 0.0

    pages = [visitor.get(url) for url in (reverse("home"), program.get_absolute_url(), reverse("search") + "?q=pkh")]
    program.summary = "Diubah saat Redis mati."
    program.save()
    after = visitor.get(program.get_absolute_url())
    ready = visitor.get("/readyz")

    assert [page.status_code for page in pages] == [200, 200, 200]
    assert "Diubah saat Redis mati." in after.text
    assert ready.status_code == 200 and ready.json()["status"] == "degraded"
    store.CacheDown.down_until = 0.0


def test_a_database_error_outside_a_view_becomes_the_maintenance_page(rf):
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        response = server_error(rf.get("/admin/"))

    assert response.status_code == 503 and b"sedang dalam pemeliharaan" in response.content
