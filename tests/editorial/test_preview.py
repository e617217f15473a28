"""Previews in the real public template, signed links for people without an account, and writing help."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from freezegun import freeze_time

from bansos_portal.editorial.models import Transition
from bansos_portal.publishing import Status

from .conftest import MODELS, admin_url, move_on_page


def preview_link(client, item):
    page = client.get(admin_url(item, "preview_link"))
    return re.search(r'id="preview-link"[^>]*value="([^"]+)"', page.text).group(1)


@pytest.mark.parametrize("kind", MODELS)
def test_staff_see_a_draft_in_the_public_template_with_the_banner(penulis, make_item, kind, client):
    item = make_item(kind)

    page = penulis.get(admin_url(item, "preview"))

    assert page.status_code == 200
    assert "PRATINJAU — belum terbit" in page.text and 'class="skip-link"' in page.text  # the public layout
    assert client.get(item.get_absolute_url()).status_code == 404  # still not public
    assert client.get(admin_url(item, "preview")).status_code == 302  # anonymous: to the login page


@pytest.mark.parametrize("kind", MODELS)
def test_a_signed_link_shows_the_draft_read_only_and_without_cookies(penulis, make_item, kind):
    item = make_item(kind)
    link = preview_link(penulis, item)
    stranger = Client()

    page = stranger.get(link)

    assert page.status_code == 200 and "PRATINJAU — belum terbit" in page.text
    assert "berlaku sampai" in page.text
    assert not page.cookies and "Set-Cookie" not in page
    assert page["X-Robots-Tag"] == "noindex, nofollow" and "no-store" in page["Cache-Control"]
    assert stranger.post(link).status_code == 405
    assert stranger.get(item.get_absolute_url()).status_code == 404


def test_a_tampered_or_expired_link_shows_nothing(penulis, make_item):
    item = make_item("program", summary="Isi rahasia draf.")
    link = preview_link(penulis, item)

    tampered = Client().get(link.replace("/pratinjau/", "/pratinjau/x"))
    with freeze_time(timezone.now() + timedelta(days=8)):
        expired = Client().get(link)

    assert tampered.status_code == 404 and "Isi rahasia draf." not in tampered.text
    assert expired.status_code == 410 and "kedaluwarsa" in expired.text
    assert "Isi rahasia draf." not in expired.text


def test_public_pages_stay_cookie_free_and_never_carry_the_banner(make_item, client):
    item = make_item("program", status=Status.PUBLISHED)

    page = client.get(item.get_absolute_url())

    assert page.status_code == 200 and not page.cookies
    assert "PRATINJAU" not in page.text


def test_markdown_fields_have_a_live_preview_and_a_cheat_sheet(penulis, make_item):
    program = make_item("program")
    form = penulis.get(admin_url(program, "change"))
    url = "/admin/programs/program/pratinjau-markdown/?field=eligibility"

    preview = penulis.post(url, {"eligibility": "Keluarga di **DTKS**.\n\n<script>alert(1)</script>"})

    assert 'hx-post="/admin/programs/program/pratinjau-markdown/?field=eligibility"' in form.text
    assert "Contekan Markdown" in form.text
    assert "js/admin_markdown_preview.js" in form.text
    assert not re.search(r"<script(?![^>]*\bsrc=)", form.text)  # no inline script (strict CSP)
    assert preview.status_code == 200 and "<strong>DTKS</strong>" in preview.text and "<script>" not in preview.text
    assert penulis.get(url).status_code == 405
    assert Client().post(url, {"eligibility": "x"}).status_code == 302  # staff only


def test_publishing_warns_about_broken_links_unsourced_figures_and_empty_sections(penyunting, make_item):
    make_item("question", slug="ada", status=Status.PUBLISHED)
    program = make_item(
        "program",
        eligibility="Lihat [jawaban](/tanya-jawab/ada/) dan [yang hilang](/tanya-jawab/tidak-ada/).",
        benefits="Rp 3.000.000 per tahun untuk ibu hamil.",
    )

    page = penyunting.get(admin_url(program, "workflow"))
    refused = move_on_page(penyunting, program, {"target": Status.PUBLISHED})

    assert "/tanya-jawab/tidak-ada/ tidak menuju halaman yang terbit" in page.text
    assert "/tanya-jawab/ada/ tidak" not in page.text
    assert "belum ada sumber" in page.text
    assert "«tentang program» masih kosong" in page.text and "«cara mendaftar» masih kosong" in page.text
    program.refresh_from_db()
    assert refused.status_code == 200 and program.status == Status.DRAFT  # must tick the box first

    program.sources.create(title="Kemensos", url="https://kemensos.go.id/")
    assert "belum ada sumber" not in penyunting.get(admin_url(program, "workflow")).text


def test_admin_home_lists_items_overdue_for_review(penyunting, make_item):
    overdue = make_item("clarification", status=Status.PUBLISHED, correction="Koreksi lama yang perlu dicek")
    overdue.review_due = timezone.localdate() - timedelta(days=1)
    overdue.save()
    make_item("program", status=Status.PUBLISHED, name="Program yang masih baru")

    home = penyunting.get("/admin/")

    section = home.text.split("Lewat tanggal tinjau ulang")[1].split("</div>")[0]
    assert "Koreksi lama yang perlu dicek" in section and "Program yang masih baru" not in section


@pytest.mark.parametrize("kind", MODELS)
def test_every_workflow_page_opens_for_each_content_type(penyunting, make_item, kind):
    item = make_item(kind)
    item.save()  # a second revision, so there are two to compare

    for view in ["change", "workflow", "history", "compare", "preview", "preview_link"]:
        response = penyunting.get(admin_url(item, view))
        assert response.status_code == 200, view


def test_comparing_revisions_that_do_not_exist_is_a_clear_redirect(penyunting, make_item):
    item = make_item("question")

    response = penyunting.get(admin_url(item, "compare"), {"a": "abc", "b": "999999"}, follow=True)

    assert response.redirect_chain and "Pilih dua revisi yang ada" in response.text


def test_revoking_kills_every_link_already_sent_and_the_next_link_works(penulis, penyunting, make_item):
    item = make_item("question", answer="Isi rahasia draf.")
    sent = [preview_link(penulis, item), preview_link(penyunting, item)]
    page = penyunting.get(admin_url(item, "preview_link"))

    revoked = penyunting.post(admin_url(item, "preview_link"))

    assert "Cabut semua tautan pratinjau" in page.text
    assert revoked.status_code == 302
    for link in sent:
        dead = Client().get(link)
        assert dead.status_code == 410 and "Isi rahasia draf." not in dead.text
    fresh = preview_link(penyunting, item)
    assert fresh not in sent and Client().get(fresh).status_code == 200
    line = Transition.objects.for_item(item).get()
    assert (line.action, line.username) == (Transition.Action.PREVIEW_REVOKED, "yusuf")


def test_archiving_an_item_kills_its_links_for_good(penyunting, make_item):
    item = make_item("program", summary="Isi rahasia draf.")
    link = preview_link(penyunting, item)

    move_on_page(penyunting, item, {"target": Status.ARCHIVED})
    archived = Client().get(link)
    move_on_page(penyunting, item, {"target": Status.DRAFT})
    back_as_draft = Client().get(link)

    assert archived.status_code == 410 and "Isi rahasia draf." not in archived.text
    assert back_as_draft.status_code == 410
    assert Client().get(preview_link(penyunting, item)).status_code == 200


def test_a_link_to_an_item_archived_another_way_is_refused(penyunting, make_item):
    item = make_item("clarification", explanation="Isi rahasia draf.")
    link = preview_link(penyunting, item)

    type(item).objects.filter(pk=item.pk).update(status=Status.ARCHIVED)

    assert Client().get(link).status_code == 410
