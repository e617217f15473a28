"""The admin pages Humas use speak Indonesian: no English left over from Django, no known typos."""

import html
import re

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, reverse

from bansos_portal.editorial import workflow
from bansos_portal.publishing import Status
from programs.models import Program
from tests.conftest import login_as
from tests.public_pages import load_demo_content

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
OBJECT_VIEWS = ["change", "history", "workflow", "preview_link", "compare"]


def visible_text(page):
    """What a person reads: the page without scripts, styles and tags."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def leftovers(text):
    found = [word for word in ENGLISH if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text)]
    return found + [typo for typo in TYPOS if typo in text]


def humas_pages():
    yield reverse("admin:index")
    for model in admin.site._registry:
        if model._meta.app_label not in HUMAS_APPS:
            continue
        info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        yield reverse(f"{info}_changelist")
        yield reverse(f"{info}_add")
        obj = model._default_manager.order_by("pk").first()
        for view in OBJECT_VIEWS if obj is not None else []:
            try:
                yield reverse(f"{info}_{view}", args=[obj.pk])
            except NoReverseMatch:
                continue


@pytest.mark.parametrize("role", ["Penulis", "Penyunting", "Administrator", "Operator Daerah"])
def test_the_pages_humas_use_have_no_english_or_typos(db, role):
    load_demo_content()
    writer = login_as("Penulis", "pengisi").user
    program = Program.objects.exclude(status=Status.REVIEW).first()
    program.status = Status.DRAFT
    program.save()
    workflow.move(program, Status.REVIEW, user=writer)
    client = login_as(role, "staf")

    problems = {}
    for url in humas_pages():
        response = client.get(url)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            if found := leftovers(visible_text(response.text)):
                problems[url] = found

    assert problems == {}


def test_the_checker_catches_what_it_looks_for():
    assert leftovers(visible_text("<p>Choose all</p><p>Autentidikasi berdasarkan-sandi</p>")) == [
        "Choose",
        "Autentidikasi",
    ]
    assert leftovers(visible_text("<p>Google Gojek Pilih</p><script>Choose</script>")) == []
