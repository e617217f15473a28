"""Every admin page, for every role: a refusal (403), a redirect or a 404 is fine, an error page never; the
pages Humas use speak Indonesian: no English left over from Django, no known typos; and no page reads its
rows one query at a time."""

import html
import re

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from bansos_portal.editorial import workflow
from bansos_portal.publishing import Status
from programs.models import Program
from tests.conftest import login_as, queries_for

ENGLISH = [
    "Choose",
    "Remove",
    "Add another",
    "Save and continue",
    "Can add",
    "Can change",
    "Can delete",
    "Can view",
    "History",
    "Filter",
    "Action",
    "Go",
    "Django administration",
    "Django site admin",
    "Password-based",
]
TYPOS = ["Autentidikasi", "Pindahkanprogram", "cair?.", "review → published", "draft → review"]
HUMAS_APPS = {"programs", "faq", "editorial", "auth", "precheck", "directory"}
MAX_QUERIES_PER_PAGE = 30
OBJECT_VIEWS = ["change", "history", "workflow", "preview_link", "compare"]


def visible_text(page):
    """What a person reads: the page without scripts, styles and tags."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


# One pass over a page for all the words (a search per word read every page fifteen times).
ENGLISH_WORDS = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, ENGLISH)) + r")(?![\w-])")


def leftovers(text):
    seen = set(ENGLISH_WORDS.findall(text))
    return [word for word in ENGLISH if word in seen] + [typo for typo in TYPOS if typo in text]


def walker(role):
    if role == "superuser":
        user = User.objects.create_superuser("kepala", password="kata-sandi-yang-panjang")
    else:
        user = login_as(role, f"staf-{role.split()[0].lower()}").user
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client, user


def some_rows():
    """Beside the demo content, a row in the tables the demo leaves empty (audit, sign-in lockouts, devices)."""
    writer = login_as("Penulis", "pengisi").user
    program = Program.objects.exclude(status=Status.REVIEW).first()
    program.status = Status.DRAFT
    program.save()
    workflow.move(program, Status.REVIEW, user=writer)
    TOTPDevice.objects.create(user=writer, name="Ponsel", confirmed=True)
    Client().post(reverse("admin:login"), {"username": "pengisi", "password": "salah"})


def admin_urls():
    """(app label, URL name, URL) of every admin page: lists, add forms and each view of one row."""
    for model in admin.site._registry:
        label = model._meta.app_label
        info = f"admin:{label}_{model._meta.model_name}"
        yield label, f"{info}_changelist", reverse(f"{info}_changelist")
        yield label, f"{info}_add", reverse(f"{info}_add")
        obj = model._default_manager.order_by("pk").first()
        if obj is None:
            continue
        for view in OBJECT_VIEWS:
            try:
                yield label, f"{info}_{view}", reverse(f"{info}_{view}", args=[obj.pk])
            except NoReverseMatch:
                continue


@pytest.mark.parametrize("role", ["Penulis", "Penyunting", "Administrator", "Operator Daerah", "superuser"])
def test_no_admin_page_answers_with_a_server_error_and_humas_pages_speak_indonesian(demo_content, role):
    some_rows()
    client, _ = walker(role)
    pages = [("admin", "admin:index", reverse("admin:index")), *admin_urls()]

    responses, queries = [], {}
    for label, name, url in pages:
        response, queries[url] = queries_for(client, url)
        responses.append((label, name, url, response))

    assert len(pages) > 50
    assert [(name, url) for _, name, url, response in responses if response.status_code >= 500] == []
    # A list or form that grows by a query per row shows up on the demo content as dozens of queries.
    assert {url: count for url, count in queries.items() if count > MAX_QUERIES_PER_PAGE} == {}
    # The walk reached real pages (a role sees at least its home and its own lists).
    opened = [response for *_, response in responses if response.status_code == 200]
    assert len(opened) > (len(pages) // 2 if role == "superuser" else 3)
    if role != "superuser":  # Humas' own roles; a superuser also sees Django's technical pages
        problems = {
            url: found
            for label, _, url, response in responses
            if label in HUMAS_APPS | {"admin"}
            and response.status_code == 200
            and response["Content-Type"].startswith("text/html")
            and (found := leftovers(visible_text(response.text)))
        }
        assert problems == {}


def test_the_checker_catches_what_it_looks_for():
    assert leftovers(visible_text("<p>Choose all</p><p>Autentidikasi berdasarkan-sandi</p>")) == [
        "Choose",
        "Autentidikasi",
    ]
    assert leftovers(visible_text("<p>Google Gojek Pilih</p><script>Choose</script>")) == []
