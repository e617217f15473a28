from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from bansos_portal.search.models import SearchQueryStat


@pytest.fixture
def pkh_question(make_question):
    return make_question(question="Kapan PKH cair?", answer="Empat tahap.")


def test_a_full_search_is_counted_without_personal_data(client, pkh_question):
    client.get(reverse("search"), {"q": "Kapan PKH cair"}, REMOTE_ADDR="10.1.2.3", HTTP_USER_AGENT="Android")
    client.get(reverse("search"), {"q": "kapan pkh cair"})

    stat = SearchQueryStat.objects.get()
    assert (stat.query, stat.searches, stat.results, stat.clicks) == ("kapan pkh cair", 2, 1, 0)
    stored = " ".join(str(value) for value in SearchQueryStat.objects.values_list())
    assert "10.1.2.3" not in stored and "Android" not in stored


def test_typing_with_htmx_is_not_counted_as_searches(client, pkh_question):
    for partial in ("ka", "kapan", "kapan pk"):
        client.get(reverse("search"), {"q": partial}, headers={"HX-Request": "true"})

    assert not SearchQueryStat.objects.exists()


@pytest.mark.parametrize(
    "query",
    ["cek nik 3201234567890001", "kk 3201-2345-6789-0001 hilang", "hubungi 0812 3456 7890", "+62 812-3456-7890"],
)
def test_nik_kk_and_phone_numbers_are_masked_before_storing(client, db, query):
    client.get(reverse("search"), {"q": query})

    stored = SearchQueryStat.objects.get().query
    assert "[angka]" in stored
    assert not any(run in stored for run in ("3201", "0812", "3456", "7890"))


def test_opening_a_result_is_counted_by_the_link_ping(client, pkh_question):
    page = client.get(reverse("search"), {"q": "pkh cair"})
    assert 'ping="http://testserver/cari/dibuka/?q=pkh%20cair"' in page.text

    response = client.post("/cari/dibuka/?q=pkh%20cair", content_type="text/ping", data="PING")

    assert response.status_code == 204
    assert SearchQueryStat.objects.get().clicks == 1


def test_report_shows_top_zero_result_and_unopened_queries(client, pkh_question):
    today = timezone.localdate()
    SearchQueryStat.objects.create(day=today, query="kapan pkh cair", searches=9, results=3, clicks=4)
    SearchQueryStat.objects.create(day=today, query="bansos lansia papua", searches=5, results=0)
    SearchQueryStat.objects.create(day=today, query="cek saldo", searches=3, results=2, clicks=0)
    SearchQueryStat.objects.create(day=today - timedelta(days=3), query="pip sma", searches=7, results=2, clicks=1)
    admin = User.objects.create_superuser("admin", password="kata-sandi-panjang-sekali")
    client.force_login(admin)

    daily = client.get(reverse("admin:bansos_portal_searchquerystat_changelist")).text
    weekly = client.get(reverse("admin:bansos_portal_searchquerystat_changelist"), {"periode": "minggu"}).text

    assert "Laporan pencarian" in daily
    top, zero, unopened = daily.split("<h2>")[1:4]
    assert "kapan pkh cair" in top and "pip sma" not in top
    assert "bansos lansia papua" in zero and "kapan pkh cair" not in zero
    assert "cek saldo" in unopened and "kapan pkh cair" not in unopened
    assert "pip sma" in weekly


def test_report_needs_staff(client, db):
    assert client.get(reverse("admin:bansos_portal_searchquerystat_changelist")).status_code == 302


def test_prune_removes_old_statistics(db):
    today = timezone.localdate()
    SearchQueryStat.objects.create(day=today - timedelta(days=200), query="lama")
    SearchQueryStat.objects.create(day=today - timedelta(days=10), query="baru")

    call_command("prune_search_stats", "--days", "180", stdout=None)

    assert list(SearchQueryStat.objects.values_list("query", flat=True)) == ["baru"]
