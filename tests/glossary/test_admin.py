"""The glossary in the admin: a Penulis writes terms that stay drafts and cannot publish them; a
Penyunting publishes; every save is a revision, and nobody outside Humas gets in."""

import pytest
from django.urls import reverse

from bansos_portal.glossary.models import Term
from bansos_portal.publishing import Status
from tests.editorial.conftest import admin_url, changelist_url, form_data, move_on_page

ADD_URL = reverse("admin:glossary_term_add")


def term_form(**changes):
    data = {
        "term": "DTSEN",
        "slug": "dtsen",
        "other_forms": "Data Tunggal Sosial dan Ekonomi Nasional",
        "short_definition": "Data tunggal untuk menentukan penerima bansos.",
        "explanation": "Dikelola **BPS** sejak 2025.",
        "mark_on_pages": "on",
        "status": Status.PUBLISHED,
        "sources-TOTAL_FORMS": "1",
        "sources-INITIAL_FORMS": "0",
        "sources-0-title": "Okezone, 14 Februari 2025",
        "sources-0-url": "https://news.okezone.com/x",
        "sources-0-order": "0",
    }
    return {**data, **changes}


def test_a_penulis_writes_a_term_that_stays_a_draft(penulis, client):
    response = penulis.post(ADD_URL, term_form())

    assert response.status_code == 302
    term = Term.objects.get(slug="dtsen")
    assert term.status == Status.DRAFT
    assert term.sources.get().title == "Okezone, 14 Februari 2025"
    assert "<strong>BPS</strong>" in term.explanation_html
    assert client.get(term.get_absolute_url()).status_code == 404
    assert client.get(reverse("glossary:list")).context["terms"] == []


def test_a_penulis_cannot_publish_on_the_workflow_page_nor_with_the_bulk_action(penulis):
    penulis.post(ADD_URL, term_form())
    term = Term.objects.get(slug="dtsen")

    offered = [target for target, _ in penulis.get(admin_url(term, "workflow")).context["transitions"]]
    move_on_page(penulis, term, {"target": Status.PUBLISHED, "acknowledge": "on"})
    penulis.post(changelist_url(term), {"action": "publish", "_selected_action": [term.pk]})

    term.refresh_from_db()
    assert Status.PUBLISHED not in offered
    assert term.status == Status.DRAFT


def test_a_penulis_submits_and_a_penyunting_publishes(penulis, penyunting, client):
    penulis.post(ADD_URL, term_form())
    term = Term.objects.get(slug="dtsen")
    move_on_page(penulis, term, {"target": Status.REVIEW, "comment": "Mohon ditinjau."})

    move_on_page(penyunting, term, {"target": Status.PUBLISHED, "acknowledge": "on"})

    term.refresh_from_db()
    assert term.status == Status.PUBLISHED and term.last_reviewed_at is not None
    assert client.get(term.get_absolute_url()).status_code == 200
    assert term.history.count() >= 3  # written, submitted, published: each a revision


def test_a_penulis_cannot_edit_or_delete_a_published_term(penulis, make_term):
    term = make_term("KPM")
    change = admin_url(term, "change")

    edit = penulis.post(change, {**term_form(term="KPM", slug=term.slug), "short_definition": "Diubah diam-diam."})
    delete = penulis.post(admin_url(term, "delete"), {"post": "yes"})

    assert edit.status_code == 403 and delete.status_code == 403
    term.refresh_from_db()
    assert term.status == Status.PUBLISHED and term.short_definition == "Arti KPM dalam satu kalimat."


def test_a_penyunting_changes_a_draft_and_the_revision_is_kept(penyunting, make_term):
    term = make_term("desil", status=Status.DRAFT)
    change = admin_url(term, "change")

    penyunting.post(change, {**form_data(penyunting, change), "short_definition": "Peringkat 1 sampai 10."})

    term.refresh_from_db()
    assert term.short_definition == "Peringkat 1 sampai 10."
    assert [record.short_definition for record in term.history.order_by("history_date")][-2:] == [
        "Arti desil dalam satu kalimat.",
        "Peringkat 1 sampai 10.",
    ]


def test_a_form_already_used_by_another_term_is_refused_in_the_form(penulis, make_term):
    make_term("DTKS", forms=["Data Terpadu Kesejahteraan Sosial"])

    response = penulis.post(ADD_URL, term_form(other_forms="DTKS"))

    assert response.status_code == 200
    assert "sudah dipakai oleh istilah «DTKS»" in response.content.decode()
    assert not Term.objects.filter(slug="dtsen").exists()


def test_the_preview_shows_a_draft_in_the_public_template(penulis):
    penulis.post(ADD_URL, term_form())
    term = Term.objects.get(slug="dtsen")

    response = penulis.get(admin_url(term, "preview"))

    assert response.status_code == 200
    assert "PRATINJAU" in response.content.decode() and "<h1>DTSEN</h1>" in response.content.decode()


@pytest.mark.parametrize("view", ["add", "changelist"])
def test_visitors_and_staff_without_a_role_are_kept_out(client, django_user_model, view):
    url = ADD_URL if view == "add" else reverse("admin:glossary_term_changelist")
    staff = django_user_model.objects.create_user("tamu", password="kata-sandi-yang-panjang", is_staff=True)

    assert client.get(url).status_code == 302  # to the sign-in page
    client.force_login(staff)
    assert client.get(url).status_code == 403
