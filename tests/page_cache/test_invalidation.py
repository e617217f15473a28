"""A change saved while the saving process could not reach the cache still shows on the next page,
whichever process serves it: the database counts every change, and the store compares."""

import pytest
from django.urls import reverse

from bansos_portal.page_cache import invalidation, store


class UnreachableCache:
    """The shared cache as seen by a process that cannot reach it."""

    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

        return fail


def save_where_the_cache_is_unreachable(monkeypatch, item):
    with monkeypatch.context() as patched:
        patched.setattr(store, "cache", UnreachableCache)
        item.save()


def start_a_new_process():
    """What a freshly started worker knows of the cache: nothing (the one that saved has exited)."""
    store.CacheDown.down_until = 0.0
    store.CacheDown.missed_invalidation = False
    store.CacheDown.caught_up = False
    store.CacheDown.catch_up_paused_until = 0.0


def keep_a_process_that_never_lost_the_cache():
    start_a_new_process()
    store.CacheDown.caught_up = True


@pytest.fixture(autouse=True)
def fresh_process():
    start_a_new_process()


@pytest.fixture
def program(make_program):
    return make_program(name="Program Keluarga Harapan", slug="pkh", summary="Bantuan tunai bersyarat.")


@pytest.mark.django_db(transaction=True)
def test_a_change_saved_without_the_cache_shows_in_the_next_process(client, page_store, program, monkeypatch):
    client.get(program.get_absolute_url())
    program.summary = "Bantuan tunai bersyarat, kini juga untuk lansia."
    save_where_the_cache_is_unreachable(monkeypatch, program)  # committed; that process then exits
    start_a_new_process()

    response = client.get(program.get_absolute_url())

    assert "kini juga untuk lansia" in response.text


@pytest.mark.django_db(transaction=True)
def test_a_change_saved_without_the_cache_shows_everywhere_after_the_next_miss(
    client, page_store, program, monkeypatch
):
    client.get(program.get_absolute_url())
    program.summary = "Bantuan tunai bersyarat, kini juga untuk lansia."
    save_where_the_cache_is_unreachable(monkeypatch, program)
    keep_a_process_that_never_lost_the_cache()

    client.get(reverse("faq:list"))  # any page not stored yet
    response = client.get(program.get_absolute_url())

    assert "kini juga untuk lansia" in response.text


@pytest.mark.django_db(transaction=True)
def test_a_change_saved_through_the_cache_starts_one_generation_only(
    client, page_store, program, django_assert_num_queries
):
    program.summary = "Bantuan tunai bersyarat, dibayar empat tahap."
    program.save()
    client.get(program.get_absolute_url())

    client.get(reverse("faq:list"))  # a miss compares the database's count: nothing new
    with django_assert_num_queries(0):
        response = client.get(program.get_absolute_url())

    assert "dibayar empat tahap" in response.text


def test_a_batch_past_the_tag_limit_outdates_even_what_its_last_rows_changed(
    client, page_store, program, make_program, monkeypatch, django_capture_on_commit_callbacks
):
    """Past MAX_TAGS a batch stops collecting tags and outdates every page: a row saved after that point
    still shows at once."""
    monkeypatch.setattr(invalidation, "MAX_TAGS", 3)
    client.get(reverse("programs:detail", args=["pkh"]))  # stored

    with django_capture_on_commit_callbacks(execute=True), invalidation.one_change():
        for number in range(3):
            make_program(name=f"Program Lain {number}", slug=f"lain-{number}")
        program.summary = "Bantuan tunai bersyarat untuk keluarga miskin."
        program.save()

    assert "untuk keluarga miskin" in client.get(reverse("programs:detail", args=["pkh"])).text
