"""Every admin page, for every role: a refusal (403), a redirect or a 404 is fine, an error page never."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from bansos_portal.editorial import workflow
from bansos_portal.publishing import Status
from programs.models import Program
from tests.conftest import login_as
from tests.public_pages import load_demo_content

OBJECT_VIEWS = ["change", "history", "delete", "workflow", "preview_link", "compare"]


def walker(role):
    if role == "superuser":
        user = User.objects.create_superuser("kepala", password="kata-sandi-yang-panjang")
    else:
        user = login_as(role, f"staf-{role.split()[0].lower()}").user
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client, user


def some_rows():
    """Demo content plus a row in the tables the demo leaves empty (audit, sign-in lockouts, devices)."""
    load_demo_content()
    writer = login_as("Penulis", "pengisi").user
    program = Program.objects.exclude(status=Status.REVIEW).first()
    program.status = Status.DRAFT
    program.save()
    workflow.move(program, Status.REVIEW, user=writer)
    TOTPDevice.objects.create(user=writer, name="Ponsel", confirmed=True)
    Client().post(reverse("admin:login"), {"username": "pengisi", "password": "salah"})


def admin_urls():
    for model in admin.site._registry:
        info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        yield f"{info}_changelist", reverse(f"{info}_changelist")
        yield f"{info}_add", reverse(f"{info}_add")
        obj = model._default_manager.order_by("pk").first()
        if obj is None:
            continue
        for view in OBJECT_VIEWS:
            try:
                yield f"{info}_{view}", reverse(f"{info}_{view}", args=[obj.pk])
            except NoReverseMatch:
                continue


@pytest.mark.parametrize("role", ["Penulis", "Penyunting", "Administrator", "Operator Daerah", "superuser"])
def test_no_admin_page_answers_with_a_server_error(db, role):
    some_rows()
    client, _ = walker(role)
    pages = [("admin:index", reverse("admin:index")), *admin_urls()]

    statuses = [(name, url, client.get(url).status_code) for name, url in pages]

    assert len(pages) > 50
    assert [page for page in statuses if page[2] >= 500] == []
    # The walk reached real pages (a role sees at least its home and its own lists).
    assert sum(status == 200 for _, _, status in statuses) > (len(pages) // 2 if role == "superuser" else 3)
