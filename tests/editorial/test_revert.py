"""«Pulihkan» restores a whole revision: the item's fields and the rows of its form, after a confirmation,
into a proposal for a live item and as a new draft revision otherwise."""

from django.utils import timezone

from bansos_portal.editorial.models import Transition
from bansos_portal.publishing import Status
from programs.models import BenefitComponent, Program
from tests.editorial.conftest import admin_url


def _program_whose_amount_changed(make_program, make_component, status):
    program = make_program(status=status, summary="Ringkasan lama.")
    first = program.history.get()
    component = make_component(program, amount=3_000_000)
    program.summary = "Ringkasan baru."
    program.save()
    component.amount = 3_750_000
    component.save()
    return program, first


def test_reverting_a_live_program_puts_the_old_amount_in_its_proposal_and_leaves_the_site_alone(
    penulis, make_program, make_component
):
    program, first = _program_whose_amount_changed(make_program, make_component, Status.PUBLISHED)

    response = penulis.post(admin_url(program, "restore", first.history_id), follow=True)

    proposal = Program.objects.get(proposal_for=program)
    assert proposal.summary == "Ringkasan lama."
    assert [c.amount for c in proposal.components.all()] == [3_000_000]
    assert [c.amount for c in BenefitComponent.objects.filter(program=program)] == [3_750_000]
    program.refresh_from_db()
    assert program.summary == "Ringkasan baru." and program.status == Status.PUBLISHED
    assert "dipulihkan ke usulan perubahan" in response.text and "belum berubah" in response.text


def test_reverting_a_draft_restores_its_rows_as_a_new_draft_revision(penulis, make_program, make_component):
    program, first = _program_whose_amount_changed(make_program, make_component, Status.DRAFT)
    revisions = program.history.count()

    response = penulis.post(admin_url(program, "restore", first.history_id), follow=True)

    program.refresh_from_db()
    assert program.status == Status.DRAFT and program.summary == "Ringkasan lama."
    assert [c.amount for c in program.components.all()] == [3_000_000]
    assert program.history.count() == revisions + 1
    assert "Statusnya tetap «Draf»" in response.text


def test_the_confirmation_shows_the_row_that_will_change_and_changes_nothing(penulis, make_program, make_component):
    program, first = _program_whose_amount_changed(make_program, make_component, Status.PUBLISHED)

    page = penulis.get(admin_url(program, "restore", first.history_id))

    assert "komponen" in page.text.lower() and "Rp3.000.000" in page.text and "Rp3.750.000" in page.text
    assert "masuk ke usulan perubahan baru" in page.text
    assert not Program.objects.filter(proposal_for=program).exists()


def test_the_restore_is_recorded_in_jakarta_time(penulis, make_program):
    program = make_program(status=Status.DRAFT, summary="Lama.")
    first = program.history.get()
    program.summary = "Baru."
    program.save()

    penulis.post(admin_url(program, "restore", first.history_id))

    local = timezone.localtime(first.history_date).strftime("%H.%M")
    assert Transition.objects.for_item(program).get().comment.endswith(f"{local} WIB")
    assert program.history.first().history_change_reason.endswith(f"{local} WIB")
