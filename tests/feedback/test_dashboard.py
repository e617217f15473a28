"""«Apa yang perlu diperbaiki»: items sorted by the attention score, comments with their actions, unmet
searches, CSV export, and what each role sees."""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from bansos_portal.directory.models import LinkCheck
from bansos_portal.editorial.models import Transition
from bansos_portal.feedback.models import Vote
from bansos_portal.search.models import SearchQueryStat

DASHBOARD = "/admin/perlu-diperbaiki/"


def votes(item, *, yes=0, no=0, days_ago=0, comment="", redacted=False):
    day = timezone.localdate() - timedelta(days=days_ago)
    for helpful, count in ((True, yes), (False, no)):
        for _ in range(count):
            Vote.objects.create(item=item, helpful=helpful, day=day, comment=comment, redacted=redacted)


def submitted_by(user, item):
    Transition.objects.create(
        content_type=ContentType.objects.get_for_model(item),
        object_id=item.pk,
        object_repr=str(item),
        action=Transition.Action.SUBMITTED,
        user=user,
    )


def item_order(html, *labels):
    return sorted(labels, key=html.index)


def test_items_are_sorted_by_the_attention_score(client, make_staff, make_program, make_question):
    client.force_login(make_staff("sunting", "Penyunting"))
    all_unhelpful = make_program(name="Program Semua Tidak")  # 10 × 10/10 = 10
    half = make_program(name="Program Separuh")  # 10 × 10/20 = 5
    overdue = make_question(question="Kapan cair?", review_due=timezone.localdate() - timedelta(days=3))  # 3
    commented = make_question(question="Syarat lansia?")  # 1 × 1/1 + 1 comment = 2
    votes(all_unhelpful, no=10)
    votes(half, yes=10, no=10)
    votes(commented, no=1, comment="Kurang jelas.")
    votes(make_program(name="Program Bagus"), yes=8)  # 0

    html = client.get(DASHBOARD).text

    labels = ["Program Semua Tidak", "Program Separuh", "Kapan cair?", "Syarat lansia?", "Program Bagus"]
    assert item_order(html, *labels) == labels
    assert f'href="/admin/programs/program/{half.pk}/change/"' in html
    assert "lewat, seharusnya" in html and f"{overdue.review_due:%Y}" in html


def test_the_trend_compares_with_the_30_days_before(client, make_staff, make_program):
    client.force_login(make_staff("sunting", "Penyunting"))
    program = make_program(name="Program Menurun")
    votes(program, yes=9, no=1, days_ago=40)  # 90% helpful before
    votes(program, yes=3, no=7, days_ago=2)  # 30% now

    html = client.get(DASHBOARD).text

    assert "30%" in html and "turun 60 poin (dari 90%)" in html


def test_an_editor_sees_comments_flagged_when_personal_data_was_removed_and_can_close_them(
    client, make_staff, make_program
):
    client.force_login(make_staff("sunting", "Penyunting"))
    program = make_program()
    votes(program, no=1, comment="NIK saya [data pribadi dihapus] belum cair", redacted=True)
    votes(program, no=1, comment="Tabelnya terpotong di HP.")
    flagged, plain = Vote.objects.order_by("pk")

    html = client.get(DASHBOARD).text
    done = client.post(f"{DASHBOARD}komentar/{flagged.pk}/", {"status": "done"})
    dismissed = client.post(f"{DASHBOARD}komentar/{plain.pk}/", {"status": "dismissed"})
    after = client.get(DASHBOARD).text

    assert "Data pribadi dihapus" in html and "kanal pengaduan (171, lapor.go.id)" in html
    assert "Tabelnya terpotong di HP." in html and "Selesai" in html and "Abaikan" in html
    assert done.status_code == dismissed.status_code == 303
    assert list(Vote.objects.order_by("pk").values_list("status", flat=True)) == ["done", "dismissed"]
    assert "Tabelnya terpotong" not in after and "Tidak ada komentar yang menunggu." in after


def test_an_unknown_action_is_a_clear_400(client, make_staff, make_program):
    client.force_login(make_staff("sunting", "Penyunting"))
    votes(make_program(), no=1, comment="Kurang.")

    response = client.post(f"{DASHBOARD}komentar/{Vote.objects.get().pk}/", {"status": "hapus"})

    assert response.status_code == 400 and Vote.objects.get().status == "new"


def test_a_writer_sees_only_the_items_they_wrote_and_closes_only_their_comments(client, make_staff, make_program):
    writer = make_staff("penulis", "Penulis")
    client.force_login(writer)
    own = make_program(name="Program Tulisan Saya")
    submitted_by(writer, own)
    other = make_program(name="Program Orang Lain")
    votes(own, no=2, comment="Punya saya.")
    votes(other, no=1, comment="Punya orang lain.")
    votes(other, no=4)
    SearchQueryStat.objects.create(day=timezone.localdate(), query="bansos kucing", searches=4, results=0)
    mine, theirs = Vote.objects.filter(comment="Punya saya.").first(), Vote.objects.get(comment="Punya orang lain.")

    html = client.get(DASHBOARD).text
    refused = client.post(f"{DASHBOARD}komentar/{theirs.pk}/", {"status": "dismissed"})
    allowed = client.post(f"{DASHBOARD}komentar/{mine.pk}/", {"status": "done"})

    assert "Program Tulisan Saya" in html and "Punya saya." in html
    assert "Program Orang Lain" not in html and "Punya orang lain." not in html
    assert "bansos kucing" not in html
    assert refused.status_code == 403 and Vote.objects.get(pk=theirs.pk).status == "new"
    assert allowed.status_code == 303


def test_a_writer_is_the_author_of_items_whose_first_revision_they_saved(client, make_staff, make_program):
    writer = make_staff("penulis", "Penulis")
    client.force_login(writer)
    program = make_program(name="Program Baru Saya")
    program.history.filter(history_type="+").update(history_user=writer)
    votes(program, no=1)

    assert "Program Baru Saya" in client.get(DASHBOARD).text


@pytest.mark.parametrize("role", ["Penyunting", "Administrator"])
def test_editors_and_administrators_see_every_item_and_the_unmet_searches(client, make_staff, make_program, role):
    client.force_login(make_staff("humas", role))
    votes(make_program(name="Program Siapa Saja"), no=1)
    today = timezone.localdate()
    SearchQueryStat.objects.create(day=today, query="bansos kucing", searches=4, results=0)
    SearchQueryStat.objects.create(day=today, query="jadwal pkh", searches=9, results=3, clicks=0)
    SearchQueryStat.objects.create(day=today, query="cara daftar", searches=9, results=3, clicks=5)

    html = client.get(DASHBOARD).text

    assert "Program Siapa Saja" in html
    assert "bansos kucing" in html and "jadwal pkh" in html and "cara daftar" not in html


def test_the_dashboard_needs_a_staff_sign_in(client, django_user_model, db):
    assert client.get(DASHBOARD).status_code == 302
    client.force_login(django_user_model.objects.create_user("warga"))
    assert client.get(DASHBOARD).status_code == 302
    assert client.post(f"{DASHBOARD}komentar/1/", {"status": "done"}).status_code == 302


def test_the_csv_export_follows_the_dashboard_order_and_neutralises_formulas(client, make_staff, make_program):
    client.force_login(make_staff("sunting", "Penyunting"))
    votes(make_program(name="=HYPERLINK(1)"), no=2)
    votes(make_program(name="Program Kedua"), yes=3, no=1)

    response = client.get(f"{DASHBOARD}ekspor.csv")

    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row["item"] for row in rows] == ["'=HYPERLINK(1)", "Program Kedua"]
    assert rows[1]["persen_membantu"] == "75" and rows[1]["tidak_membantu_30_hari"] == "1"


def test_the_admin_home_links_to_the_dashboard(client, make_staff):
    client.force_login(make_staff("penulis", "Penulis"))

    assert f'href="{DASHBOARD}"' in client.get("/admin/").text


def broken_and_working_links():
    checked = timezone.now()
    LinkCheck.objects.create(
        url="https://dinsos.contoh.go.id/hilang",
        used_by="Dinas Sosial Provinsi Jawa Timur: situs web",
        outcome=LinkCheck.Outcome.BROKEN,
        status_code=404,
        error="HTTP 404",
        checked_at=checked,
    )
    LinkCheck.objects.create(url="https://contoh.go.id/baik", outcome=LinkCheck.Outcome.OK, checked_at=checked)


def test_an_editor_sees_the_broken_outbound_links_and_where_they_are_used(client, make_staff):
    client.force_login(make_staff("sunting", "Penyunting"))
    broken_and_working_links()

    html = client.get(DASHBOARD).text

    assert "Tautan keluar yang rusak" in html
    assert "https://dinsos.contoh.go.id/hilang" in html and "Dinas Sosial Provinsi Jawa Timur: situs web" in html
    assert "HTTP 404" in html
    assert "https://contoh.go.id/baik" not in html


def test_a_writer_does_not_see_the_link_report(client, make_staff):
    client.force_login(make_staff("penulis", "Penulis"))
    broken_and_working_links()

    html = client.get(DASHBOARD).text

    assert "Tautan keluar yang rusak" not in html and "dinsos.contoh.go.id" not in html
