"""Short links for print, SMS and banners."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from bansos_portal.links.models import ShortLink
from bansos_portal.publishing import Status


def test_short_link_redirects_to_the_program_and_counts_hits(client, make_program):
    program = make_program(slug="pkh")
    link = ShortLink.objects.create(code="pkh", program=program)
    for _ in range(3):
        response = client.get("/s/pkh/")
        assert response.status_code == 302 and response["Location"] == "/program/pkh/"
    assert not response.cookies
    link.refresh_from_db()
    assert link.hits == 3


def test_short_link_typed_without_final_slash_or_in_capitals_works(client, make_program):
    ShortLink.objects.create(code="bpnt", program=make_program(slug="bpnt"))
    assert client.get("/s/bpnt")["Location"] == "/program/bpnt/"
    assert client.get("/s/BPNT/")["Location"] == "/program/bpnt/"


def test_short_link_follows_the_program_after_a_rename(client, make_program):
    program = make_program(slug="pkh")
    ShortLink.objects.create(code="pkh", program=program)
    program.slug = "program-keluarga-harapan"
    program.save()
    assert client.get("/s/pkh/")["Location"] == "/program/program-keluarga-harapan/"


def test_short_link_to_a_page_path_and_unknown_code(client, db):
    ShortLink.objects.create(code="anggaran", path="/anggaran/")
    assert client.get("/s/anggaran/")["Location"] == "/anggaran/"
    assert client.get("/s/tidak-ada/").status_code == 404


def test_short_link_needs_exactly_one_target_on_this_site(make_program, make_clarification):
    with pytest.raises(ValidationError):
        ShortLink(code="kosong").full_clean()
    with pytest.raises(ValidationError):
        ShortLink(code="dua", program=make_program(), path="/anggaran/").full_clean()
    with pytest.raises(ValidationError):
        ShortLink(code="luar", path="//penipu.example/").full_clean()
    ShortLink(code="hoaks", clarification=make_clarification()).full_clean()


def test_short_link_to_an_archived_program_ends_on_its_410(client, make_program):
    ShortLink.objects.create(code="bst", program=make_program(slug="bst", status=Status.ARCHIVED))
    response = client.get("/s/bst/", follow=True)
    assert response.status_code == 410


def assert_code_leads_nowhere(client, code):
    response = client.get(f"/s/{code}/")

    assert response.status_code == 404 and "Location" not in response
    assert "rencana-rahasia" not in response.text
    assert ShortLink.objects.get(code=code).hits == 0


@pytest.mark.parametrize(
    "fields",
    [{"status": Status.DRAFT}, {"status": Status.REVIEW}, {"published_at": timezone.now() + timedelta(days=3)}],
    ids=["draft", "review", "scheduled"],
)
def test_short_link_to_an_item_not_yet_public_answers_404_without_its_address(client, make_program, fields):
    ShortLink.objects.create(code="rahasia", program=make_program(slug="rencana-rahasia", **fields))

    assert_code_leads_nowhere(client, "rahasia")


def test_short_link_to_an_archived_draft_that_was_never_published_answers_404(client, make_question):
    question = make_question(slug="rencana-rahasia", status=Status.DRAFT)
    question.status = Status.ARCHIVED
    question.save()
    ShortLink.objects.create(code="rahasia", question=question)

    assert_code_leads_nowhere(client, "rahasia")


def test_humas_manage_short_links_in_admin(admin_client, make_program):
    program = make_program(slug="pkh")
    response = admin_client.post("/admin/links/shortlink/add/", {"code": "pkh", "program": program.pk, "path": ""})
    assert response.status_code == 302
    assert ShortLink.objects.get(code="pkh").program == program
    listing = admin_client.get("/admin/links/shortlink/")
    assert "/s/pkh" in listing.text and "/program/pkh/" in listing.text


def test_short_links_are_created_from_acronyms_without_taking_used_codes(make_program):
    from django.core.management import call_command

    pkh = make_program(acronym="PKH", slug="pkh")
    bpnt = make_program(acronym="BPNT", slug="bpnt")
    make_program(acronym="RHS", slug="rahasia", status=Status.DRAFT)
    ShortLink.objects.create(code="bpnt", path="/anggaran/")
    call_command("create_short_links")
    assert ShortLink.objects.get(code="pkh").program == pkh
    assert ShortLink.objects.get(code="bpnt").path == "/anggaran/" and not bpnt.short_links.exists()
    assert not ShortLink.objects.filter(code="rhs").exists()
    call_command("create_short_links")
    assert ShortLink.objects.count() == 2
