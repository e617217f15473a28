import pytest

from faq.models import DatePrecision

pytestmark = pytest.mark.django_db


def test_a_month_precise_clarification_reads_as_its_month(client, make_clarification):
    item = make_clarification(date="2024-03-01", date_precision=DatePrecision.MONTH)

    html = client.get(item.get_absolute_url()).text

    assert '<time datetime="2024-03">Maret 2024</time>' in html and "1 Maret 2024" not in html


def test_a_question_shows_its_last_review_not_its_save_time(client, make_question):
    reviewed = make_question(last_reviewed_at="2026-11-27")
    imported = make_question()

    assert "Diperbarui" in client.get(reviewed.get_absolute_url()).text
    assert "27 November 2026" in client.get(reviewed.get_absolute_url()).text
    assert "Diperbarui" not in client.get(imported.get_absolute_url()).text
