"""The admin home starts with what needs Humas' attention, each item linked to its edit form."""

from datetime import timedelta

from django.contrib.auth.models import User
from django.utils import timezone

from bansos_portal.publishing import Status


def test_admin_home_lists_submitted_and_overdue_items_with_links_to_their_forms(
    admin_client, make_program, make_question
):
    submitted = make_program(name="Program Menunggu", status=Status.REVIEW)
    overdue = make_question(question="Kapan bantuan cair?", review_due=timezone.localdate() - timedelta(days=1))
    make_question(question="Masih dalam jadwal?", review_due=timezone.localdate() + timedelta(days=30))

    html = admin_client.get("/admin/").text

    assert f'<a href="/admin/programs/program/{submitted.pk}/change/">Program Menunggu</a>' in html
    assert f'<a href="/admin/faq/question/{overdue.pk}/change/">Kapan bantuan cair?</a>' in html
    assert "Masih dalam jadwal?" not in html


def test_admin_home_hides_items_the_user_may_not_view(client, make_program):
    make_program(name="Program Menunggu", status=Status.REVIEW)
    client.force_login(User.objects.create_user("tamu", is_staff=True))

    html = client.get("/admin/").text

    assert "Program Menunggu" not in html and "Tidak ada yang menunggu tinjauan." in html
