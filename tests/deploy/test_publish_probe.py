"""The bench's publishing run without wrk or nginx: a change goes through the proposal workflow and the
probe sees it on the app at once."""

import json

import pytest
from django.test import Client

from bansos_portal.deploy import publish_probe as probe
from bansos_portal.editorial.models import Transition
from faq.models import Question


def test_a_later_publication_counts_as_shown_for_an_earlier_one():
    page = f"<p>{probe.MARK} abc nomor 3.</p>"

    assert probe.shown(page, "abc", 2) and probe.shown(page, "abc", 3)
    assert not probe.shown(page, "abc", 4) and not probe.shown(page, "xyz", 1)


def test_marked_replaces_the_earlier_mark():
    once = probe.marked("Jawaban.", "abc", 1)

    assert probe.marked(once, "abc", 2) == f"Jawaban.\n\n{probe.MARK} abc nomor 2."


def test_seconds_until_shown_waits_for_each_address_and_gives_up_after_the_timeout():
    calls = {"a": 0, "b": 0}

    def fetch(url):
        calls[url] += 1
        return "baru" if url == "a" and calls[url] >= 3 else "lama"

    seconds = probe.seconds_until_shown({"app": "a", "nginx": "b"}, lambda page: page == "baru", fetch, timeout=0.5)

    assert seconds["app"] is not None and seconds["app"] < 0.5 and seconds["nginx"] is None
    assert calls["a"] == 3


@pytest.mark.django_db(transaction=True)
def test_a_published_proposal_shows_on_the_stored_page_at_once(page_store, make_question):
    question = make_question(answer="Bantuan cair setiap tiga bulan.")
    client = Client()
    assert client.get(question.get_absolute_url()).status_code == 200  # now stored

    result = probe.publish_and_time(
        question.slug,
        {"app": question.get_absolute_url()},
        lambda url: client.get(url).content.decode(),
        user=probe.penyunting(),
        run="abc",
        number=1,
        timeout=5,
    )

    assert result["number"] == 1 and result["app"] is not None and result["app"] < 1
    question.refresh_from_db()
    assert question.answer == f"Bantuan cair setiap tiga bulan.\n\n{probe.MARK} abc nomor 1."
    assert not Question.objects.filter(proposal_for=question).exists()  # the proposal is gone
    assert Transition.objects.filter(object_id=question.pk, action=Transition.Action.PROPOSAL_PUBLISHED).exists()


@pytest.mark.django_db(transaction=True)
def test_the_command_publishes_on_schedule_and_prints_a_line_per_publication(
    page_store, make_question, live_server, capsys
):
    question = make_question()
    url = live_server.url + question.get_absolute_url()

    argv = ["--slug", question.slug, "--url", f"app={url}", "--first", "0", "--every", "0.2", "--count", "2"]
    assert probe.main([*argv, "--timeout", "5"]) == 0

    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["number"] for line in lines] == [1, 2]
    assert all(line["app"] is not None and line["app"] < 1 for line in lines)
