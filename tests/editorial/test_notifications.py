"""E-mail notices on submit, return and publish: who gets them, what they say and what they never say."""

import smtplib

import pytest
from django.core import mail
from django.urls import reverse

from bansos_portal.editorial import workflow
from bansos_portal.publishing import Status
from tests.conftest import login_as

SECRET = "Angka rahasia belum diumumkan 123"


@pytest.fixture
def notify(settings):
    settings.NOTIFY_EMAIL = True
    settings.NOTIFY_SITE_URL = "https://portal.example.go.id"


@pytest.fixture
def people(db):
    writer, editor, other_editor = (
        login_as("Penulis", "wulan").user,
        login_as("Penyunting", "yusuf").user,
        login_as("Penyunting", "rina").user,
    )
    for user in (writer, editor, other_editor):
        user.email = f"{user.username}@example.go.id"
        user.save()
    return writer, editor, other_editor


def move(item, target, user, capture, comment=""):
    with capture(execute=True):
        workflow.move(item, target, user=user, comment=comment)


def test_submitting_tells_every_penyunting_with_a_link_to_the_review_page(
    notify, people, make_program, django_capture_on_commit_callbacks
):
    writer, _, _ = people
    program = make_program(status=Status.DRAFT, name="Bantuan Uji", summary=SECRET)

    move(program, Status.REVIEW, writer, django_capture_on_commit_callbacks)

    assert sorted(message.to[0] for message in mail.outbox) == ["rina@example.go.id", "yusuf@example.go.id"]
    message = mail.outbox[0]
    link = "https://portal.example.go.id" + reverse("admin:programs_program_workflow", args=[program.pk])
    assert "Bantuan Uji" in message.subject and "ditinjau" in message.subject.lower()
    assert link in message.body
    assert SECRET not in message.body + message.subject


def test_returning_and_publishing_tell_the_author_only(
    notify, people, make_program, django_capture_on_commit_callbacks
):
    writer, editor, _ = people
    program = make_program(status=Status.DRAFT, name="Bantuan Uji", summary=SECRET)
    move(program, Status.REVIEW, writer, django_capture_on_commit_callbacks)
    mail.outbox.clear()

    move(program, Status.DRAFT, editor, django_capture_on_commit_callbacks, comment=f"Periksa: {SECRET}")
    returned = list(mail.outbox)
    move(program, Status.REVIEW, writer, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    move(program, Status.PUBLISHED, editor, django_capture_on_commit_callbacks)

    assert [message.to for message in returned] == [["wulan@example.go.id"]]
    assert "Dikembalikan" in returned[0].subject and SECRET not in returned[0].body
    assert [message.to for message in mail.outbox] == [["wulan@example.go.id"]]
    assert "terbit" in mail.outbox[0].subject.lower()


def test_nothing_is_sent_unless_notices_are_turned_on(people, make_program, django_capture_on_commit_callbacks):
    writer, _, _ = people
    program = make_program(status=Status.DRAFT)

    move(program, Status.REVIEW, writer, django_capture_on_commit_callbacks)

    assert mail.outbox == []


def test_nothing_is_sent_when_the_move_is_rolled_back(notify, people, make_program):
    writer, _, _ = people
    program = make_program(status=Status.DRAFT)

    workflow.move(program, Status.REVIEW, user=writer)  # the test's transaction never commits

    assert mail.outbox == []


def test_a_mail_server_that_is_down_does_not_break_the_move(
    notify, people, make_program, django_capture_on_commit_callbacks, monkeypatch
):
    writer, _, _ = people
    program = make_program(status=Status.DRAFT)

    def refuse(*args, **kwargs):
        raise smtplib.SMTPConnectError(421, "down")

    monkeypatch.setattr("bansos_portal.editorial.notifications.send_mass_mail", refuse)

    move(program, Status.REVIEW, writer, django_capture_on_commit_callbacks)

    program.refresh_from_db()
    assert program.status == Status.REVIEW


def test_the_button_on_the_workflow_page_sends_the_notice(
    notify, people, make_program, django_capture_on_commit_callbacks
):
    program = make_program(status=Status.DRAFT, name="Bantuan Uji")
    writer = login_as("Penulis", "dewi")
    url = reverse("admin:programs_program_workflow", args=[program.pk])
    version = writer.get(url).context["version"]

    with django_capture_on_commit_callbacks(execute=True):
        response = writer.post(url, {"version": version, "target": Status.REVIEW})

    assert response.status_code == 302
    assert {message.to[0] for message in mail.outbox} == {"yusuf@example.go.id", "rina@example.go.id"}
