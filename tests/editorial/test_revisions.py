"""Every save keeps a revision; two revisions compare side by side; a stale save is refused."""

from bansos_portal.editorial.models import Transition
from bansos_portal.publishing import Status

from .conftest import admin_url, form_data, move_on_page


def edit(client, item, **changes):
    url = admin_url(item, "change")
    return client.post(url, {**form_data(client, url), **changes})


def test_every_admin_save_keeps_a_revision_with_who_and_what(penulis, make_item):
    program = make_item("program", summary="Ringkasan lama.")

    edit(penulis, program, summary="Ringkasan baru.")
    edit(penulis, program, eligibility="Keluarga di DTKS.")

    latest, previous = program.history.all()[:2]
    assert latest.history_user.username == "wulan" and latest.eligibility == "Keluarga di DTKS."
    assert previous.summary == "Ringkasan baru."
    history = penulis.get(admin_url(program, "history"))
    assert "Siapa yang berhak" in history.text  # the changed field is named in the list


def test_two_revisions_compare_side_by_side(penulis, make_item):
    question = make_item("question", answer="Bantuan cair bulan Januari.")
    edit(penulis, question, answer="Bantuan cair bulan Maret.")
    newer, older = question.history.all()[:2]

    page = penulis.get(admin_url(question, "compare"), {"a": older.history_id, "b": newer.history_id})

    assert page.status_code == 200
    assert "<del>Januari.</del>" in page.text and "<ins>Maret.</ins>" in page.text


def test_restoring_a_revision_is_one_click_and_itself_a_new_revision(penyunting, make_item):
    clarification = make_item("clarification", explanation="Penjelasan yang benar.")
    edit(penyunting, clarification, explanation="Penjelasan keliru.")
    good = clarification.history.get(explanation="Penjelasan yang benar.", history_type="+")
    revisions_before = clarification.history.count()

    response = penyunting.post(admin_url(clarification, "restore", good.history_id))

    clarification.refresh_from_db()
    assert response.status_code == 302
    assert clarification.explanation == "Penjelasan yang benar." and clarification.status == Status.DRAFT
    assert clarification.history.count() == revisions_before + 1
    assert Transition.objects.for_item(clarification).get().action == Transition.Action.RESTORED


def test_restoring_a_revision_of_a_live_item_goes_into_its_proposal(penulis, penyunting, make_item, client):
    clarification = make_item("clarification", status=Status.PUBLISHED, explanation="Penjelasan yang benar.")
    clarification.explanation = "Penjelasan keliru."
    clarification.save()
    good = clarification.history.get(explanation="Penjelasan yang benar.", history_type="+")

    response = penulis.post(admin_url(clarification, "restore", good.history_id))

    proposal = type(clarification).objects.get(proposal_for=clarification)
    assert response["Location"] == admin_url(proposal, "change")
    assert proposal.explanation == "Penjelasan yang benar." and proposal.slug.endswith("--usulan")
    assert "Penjelasan keliru." in client.get(clarification.get_absolute_url()).text
    assert Transition.objects.for_item(proposal).get().action == Transition.Action.RESTORED

    move_on_page(penyunting, proposal, {"target": Status.PUBLISHED, "acknowledge": "on"})

    assert "Penjelasan yang benar." in client.get(clarification.get_absolute_url()).text


def test_restoring_never_changes_the_publication_state(penulis, make_item):
    program = make_item("program", summary="Versi pertama.")
    first = program.history.get()
    program.status = Status.REVIEW
    program.summary = "Versi kedua."
    program.save()

    penulis.post(admin_url(program, "restore", first.history_id))

    program.refresh_from_db()
    assert program.summary == "Versi pertama." and program.status == Status.REVIEW


def test_restore_asks_first_and_a_get_changes_nothing(penulis, make_item):
    program = make_item("program", summary="Versi pertama.")
    first = program.history.get()
    program.summary = "Versi kedua."
    program.save()

    page = penulis.get(admin_url(program, "restore", first.history_id))

    program.refresh_from_db()
    assert page.status_code == 200 and "Ya, pulihkan revisi ini" in page.text
    assert "<ins>pertama.</ins>" in page.text and program.summary == "Versi kedua."


def test_the_second_of_two_editors_is_refused_and_shown_what_the_first_changed(penulis, penyunting, make_item):
    program = make_item("program", summary="Ringkasan awal.")
    # Both open the form before either saves.
    first = form_data(penulis, admin_url(program, "change"))
    second = form_data(penyunting, admin_url(program, "change"))

    saved = penulis.post(admin_url(program, "change"), {**first, "summary": "Ringkasan dari Wulan."})
    refused = penyunting.post(admin_url(program, "change"), {**second, "summary": "Ringkasan dari Yusuf."})

    assert saved.status_code == 302
    assert refused.status_code == 200
    program.refresh_from_db()
    assert program.summary == "Ringkasan dari Wulan."
    errors = " ".join(refused.context["adminform"].form.non_field_errors())
    assert "Tidak disimpan: Wulan sudah mengubah item ini" in errors
    assert "ringkasan: «Ringkasan awal.» menjadi «Ringkasan dari Wulan.»" in errors
    # What the second editor typed is still in the form, not lost.
    assert "Ringkasan dari Yusuf." in refused.text


def test_a_save_after_reopening_the_form_goes_through(penyunting, make_item):
    program = make_item("program", summary="Awal.")
    edit(penyunting, program, summary="Kedua.")

    response = edit(penyunting, program, summary="Ketiga.")

    assert response.status_code == 302
    program.refresh_from_db()
    assert program.summary == "Ketiga."


def test_browser_line_endings_are_not_reported_as_changes(penulis, penyunting, make_item):
    program = make_item("program", eligibility="- Keluarga di DTKS\n- Ibu hamil")
    first = form_data(penulis, admin_url(program, "change"))
    second = form_data(penyunting, admin_url(program, "change"))

    penulis.post(
        admin_url(program, "change"),
        {**first, "summary": "Baru.", "eligibility": "- Keluarga di DTKS\r\n- Ibu hamil"},  # as a browser sends it
    )
    refused = penyunting.post(admin_url(program, "change"), {**second, "summary": "Lain."})

    errors = " ".join(refused.context["adminform"].form.non_field_errors())
    assert "ringkasan:" in errors and "siapa yang berhak" not in errors
    program.refresh_from_db()
    assert program.eligibility == "- Keluarga di DTKS\n- Ibu hamil"


def test_the_comparison_shows_benefit_amounts_as_they_stood_at_each_revision(penyunting, make_item, make_component):
    program = make_item("program", summary="Versi pertama.")
    make_component(program, name="Ibu hamil", amount=2_400_000, year=2019)
    url = admin_url(program, "change")
    data = form_data(penyunting, url)
    component = program.components.get()
    data.update(
        {
            "summary": "Versi kedua.",
            "components-0-id": str(component.pk),
            "components-0-program": str(program.pk),
            "components-0-name": "Ibu hamil",
            "components-0-amount": "3000000",
            "components-0-period": "year",
            "components-0-year": "2025",
            "components-0-order": "0",
            "components-0-note": "",
        }
    )
    assert penyunting.post(url, data).status_code == 302
    newer, older = program.history.all()[:2]

    page = penyunting.get(admin_url(program, "compare"), {"a": older.history_id, "b": newer.history_id})

    assert "<del>Rp2.400.000" in page.text and "<ins>Rp3.000.000" in page.text


def test_a_refused_save_shows_a_changed_benefit_amount(penulis, penyunting, make_item, make_component):
    program = make_item("program")
    component = make_component(program, name="Ibu hamil", amount=2_400_000, year=2025)
    program.save()  # the version both editors open
    url = admin_url(program, "change")
    first, second = form_data(penulis, url), form_data(penyunting, url)
    row = {
        "components-0-id": str(component.pk),
        "components-0-program": str(program.pk),
        "components-0-name": "Ibu hamil",
        "components-0-period": "year",
        "components-0-year": "2025",
        "components-0-order": "0",
    }

    penulis.post(url, {**first, **row, "components-0-amount": "3000000"})
    refused = penyunting.post(url, {**second, **row, "components-0-amount": "2400000", "summary": "Lain."})

    errors = " ".join(refused.context["adminform"].form.non_field_errors())
    assert "komponen manfaat:" in errors and "Rp2.400.000" in errors and "Rp3.000.000" in errors
    component.refresh_from_db()
    assert component.amount == 3_000_000
