"""Links printed, shared or bookmarked before an edit keep working."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from bansos_portal.publishing import Status
from faq.models import Category
from programs.models import Program
from tests.conftest import login_as
from tests.editorial.conftest import admin_url, form_data


def rename(item, slug):
    item.slug = slug
    item.save()


def test_renamed_program_redirects_permanently_to_its_new_address(client, make_program):
    program = make_program(slug="bst")
    rename(program, "bantuan-sosial-tunai")
    response = client.get("/program/bst/?utm_source=wa")
    assert response.status_code == 301
    assert response["Location"] == "/program/bantuan-sosial-tunai/?utm_source=wa"
    assert client.get(response["Location"]).status_code == 200


def test_a_chain_of_renames_collapses_to_one_hop(client, make_program):
    program = make_program(slug="nama-pertama")
    rename(program, "nama-kedua")
    rename(program, "nama-ketiga")
    for old in ("nama-pertama", "nama-kedua"):
        response = client.get(f"/program/{old}/")
        assert response.status_code == 301
        assert response["Location"] == "/program/nama-ketiga/"


def test_renamed_question_clarification_and_category_redirect(client, make_question, make_clarification, category):
    question = make_question(slug="cara-daftar-lama")
    clarification = make_clarification(slug="hoaks-lama")
    rename(question, "cara-daftar-baru")
    rename(clarification, "hoaks-baru")
    rename(category, "pendaftaran-bansos")
    assert client.get("/tanya-jawab/cara-daftar-lama/")["Location"] == "/tanya-jawab/cara-daftar-baru/"
    assert client.get("/cek-fakta/hoaks-lama/")["Location"] == "/cek-fakta/hoaks-baru/"
    response = client.get("/tanya-jawab/kategori/pendaftaran/")
    assert response.status_code == 301 and response["Location"] == "/tanya-jawab/kategori/pendaftaran-bansos/"


def test_old_slug_redirects_on_embeds_and_leaflets_too(client, make_program):
    program = make_program(slug="pkh-lama")
    rename(program, "pkh")
    assert client.get("/sematkan/program/pkh-lama/")["Location"] == "/sematkan/program/pkh/"
    assert client.get("/program/pkh-lama/leaflet/")["Location"] == "/program/pkh/leaflet/"


@pytest.fixture
def rutilahu(make_program):
    program = make_program(slug="rutilahu", name="Rumah Tidak Layak Huni", acronym="RTLH")
    rename(program, "rutilahu-baru")
    return program


LEFT_BEHIND = (
    "Slug «rutilahu» pernah dipakai oleh «Rumah Tidak Layak Huni (RTLH)» dan masih mengarah ke sana; pilih slug lain."
)


def test_a_penulis_may_not_give_a_new_draft_a_slug_another_program_left_behind(client, rutilahu):
    penulis = login_as("Penulis", "wulan")
    add = reverse("admin:programs_program_add")
    data = form_data(penulis, add)
    data.update(name="Bedah rumah (draf)", slug="rutilahu", summary="Draf.")

    response = penulis.post(add, data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["slug"] == [LEFT_BEHIND]
    assert not Program.objects.filter(slug="rutilahu").exists()
    assert client.get("/program/rutilahu/")["Location"] == "/program/rutilahu-baru/"


def test_an_item_may_not_be_renamed_to_the_slug_another_item_left_behind(admin_client, client, rutilahu, make_program):
    draft = make_program(slug="bedah-rumah", status=Status.DRAFT)
    data = form_data(admin_client, admin_url(draft, "change"))
    data["slug"] = "rutilahu"

    response = admin_client.post(admin_url(draft, "change"), data)

    assert response.status_code == 200 and response.context["adminform"].form.errors["slug"] == [LEFT_BEHIND]
    draft.refresh_from_db()
    assert draft.slug == "bedah-rumah"
    assert client.get("/program/rutilahu/")["Location"] == "/program/rutilahu-baru/"


def test_an_item_may_take_back_its_own_old_slug(admin_client, client, rutilahu):
    data = form_data(admin_client, admin_url(rutilahu, "change"))
    data["slug"] = "rutilahu"

    response = admin_client.post(admin_url(rutilahu, "change"), data)

    assert response.status_code == 302
    assert client.get("/program/rutilahu/").status_code == 200
    assert client.get("/program/rutilahu-baru/")["Location"] == "/program/rutilahu/"


def test_an_archived_draft_that_was_never_published_leaves_no_trace(client, make_program):
    draft = make_program(slug="rencana", name="Rencana Bansos Rahasia", status=Status.DRAFT)
    draft.status = Status.REVIEW
    draft.save()
    draft.status = Status.ARCHIVED
    draft.save()

    response = client.get("/program/rencana/")
    rename(draft, "rencana-lama")
    renamed = client.get("/program/rencana/")

    assert response.status_code == 404 and "Rencana Bansos Rahasia" not in response.text
    assert renamed.status_code == 404 and "Rencana Bansos Rahasia" not in renamed.text


def test_an_item_once_published_then_withdrawn_and_archived_still_answers_410(client, make_program):
    program = make_program(slug="bst", name="Bantuan Sosial Tunai")
    for status in (Status.DRAFT, Status.ARCHIVED):
        program.status = status
        program.save()

    response = client.get("/program/bst/")

    assert response.status_code == 410 and "Bantuan Sosial Tunai" in response.text


def test_renamed_draft_stays_hidden(client, make_program):
    program = make_program(slug="rahasia", status=Status.DRAFT)
    rename(program, "rahasia-baru")
    assert client.get("/program/rahasia/").status_code == 404


def test_archived_program_answers_410_and_links_its_successor(client, make_program):
    blt = make_program(name="Bantuan Langsung Tunai", acronym="BLT", slug="blt")
    make_program(name="Bantuan Sosial Tunai", acronym="BST", slug="bst", status=Status.ARCHIVED, successor=blt)
    response = client.get("/program/bst/")
    assert response.status_code == 410
    assert "sudah tidak berlaku" in response.text
    assert 'href="/program/blt/"' in response.text
    assert "tidak pernah meminta uang, NIK" in response.text  # still a full portal page


def test_renamed_then_archived_program_answers_410_in_one_step(client, make_program):
    program = make_program(slug="bst-2020")
    rename(program, "bst")
    program.status = Status.ARCHIVED
    program.save()
    assert client.get("/program/bst-2020/").status_code == 410


def test_program_past_its_unpublish_time_is_gone_not_missing(client, make_program):
    make_program(slug="selesai", unpublish_at=timezone.now() - datetime.timedelta(days=1))
    assert client.get("/program/selesai/").status_code == 410


def test_archived_question_and_clarification_answer_410(client, make_question, make_clarification):
    newer = make_question(slug="jawaban-baru")
    make_question(slug="jawaban-lama", status=Status.ARCHIVED, successor=newer)
    make_clarification(slug="klaim-lama", status=Status.ARCHIVED)
    response = client.get("/tanya-jawab/jawaban-lama/")
    assert response.status_code == 410 and 'href="/tanya-jawab/jawaban-baru/"' in response.text
    assert client.get("/cek-fakta/klaim-lama/").status_code == 410


def test_successor_that_is_not_public_is_not_linked(client, make_program):
    draft = make_program(slug="pengganti-draf", status=Status.DRAFT)
    make_program(slug="berakhir", status=Status.ARCHIVED, successor=draft)
    response = client.get("/program/berakhir/")
    assert response.status_code == 410 and "pengganti-draf" not in response.text


def test_unknown_and_draft_addresses_are_plain_404(client, make_program):
    make_program(slug="draf", status=Status.DRAFT)
    assert client.get("/program/tidak-pernah-ada/").status_code == 404
    assert client.get("/program/draf/").status_code == 404


@pytest.mark.django_db
def test_slug_history_ignores_saves_that_keep_the_slug(client):
    category = Category.objects.create(name="Umum", slug="umum")
    category.name = "Umum sekali"
    category.save()
    assert client.get("/tanya-jawab/kategori/umum/").status_code == 200
    assert reverse("faq:category", args=["umum"]) == "/tanya-jawab/kategori/umum/"


def test_humas_archive_a_program_with_its_successor_in_the_admin(admin_client, make_program):
    blt = make_program(name="Bantuan Langsung Tunai", acronym="BLT", slug="blt")
    bst = make_program(name="Bantuan Sosial Tunai", acronym="BST", slug="bst")
    page = admin_client.get(f"/admin/programs/program/{bst.pk}/change/")
    assert page.status_code == 200 and 'name="successor"' in page.text
    form = {
        key: value
        for key, value in page.context["adminform"].form.initial.items()
        if key in {"name", "acronym", "slug", "agency", "summary", "order", "published_at"}
    }
    form["published_at_0"], form["published_at_1"] = bst.published_at.strftime("%Y-%m-%d"), "00:00:00"
    form.update({"status": Status.ARCHIVED, "successor": blt.pk})
    form["edit_token"] = page.context["adminform"].form["edit_token"].value()  # the version the editor opened
    for prefix in ("components", "budgets", "sources"):
        form.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    response = admin_client.post(f"/admin/programs/program/{bst.pk}/change/", form)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    gone = admin_client.get("/program/bst/")
    assert gone.status_code == 410 and 'href="/program/blt/"' in gone.text
