"""Screenshots of the Humas admin for the README's guide (`make screenshots`, not part of `make test`).

Runs the real admin on the demo content in Chromium and writes small PNGs to docs/screenshots/.
"""

from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.management import call_command
from django.utils import timezone
from PIL import Image

from bansos_portal.editorial.roles import ensure_roles
from bansos_portal.publishing import Status
from faq.models import Clarification, Question
from programs.models import Program

from .conftest import DESKTOP

pytestmark = pytest.mark.django_db(transaction=True)
OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PASSWORD = "kata-sandi-yang-panjang"


def save(page, name):
    """A viewport-sized PNG, reduced to a 256-colour palette: a few tens of KB each."""
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{name}.png"
    page.screenshot(path=path)
    with Image.open(path) as image:
        image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)


def sign_in(browser, live_server, username, role):
    user = User.objects.create_user(username, password=PASSWORD, is_staff=True, first_name=username.capitalize())
    user.groups.add(ensure_roles(Group, Permission)[role])
    context = browser.new_context(viewport=DESKTOP, locale="id-ID")
    page = context.new_page()
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    return page


def test_take_admin_screenshots(browser, live_server, settings):
    settings.DEBUG = True
    call_command("import_content", "bansos_portal/content_file/demo_content.json", verbosity=0)
    pkh = Program.objects.get(slug="pkh")
    draft = Program.objects.exclude(pk=pkh.pk).order_by("order").first()
    draft.status = Status.DRAFT
    draft.save()
    question = Question.objects.order_by("pk").first()
    question.status = Status.DRAFT
    question.save()
    overdue = Clarification.objects.order_by("pk").first()
    overdue.review_due = timezone.localdate() - timezone.timedelta(days=3)
    overdue.save()
    writer = sign_in(browser, live_server, "wulan", "Penulis")
    editor = sign_in(browser, live_server, "yusuf", "Penyunting")
    base = f"{live_server.url}/admin/programs/program/{pkh.pk}"
    draft_url = f"{live_server.url}/admin/programs/program/{draft.pk}/change/"

    writer.goto(f"{live_server.url}/admin/faq/question/{question.pk}/alur/")
    writer.get_by_label("Komentar (tidak wajib)").fill("Mohon dicek: alamat situs cek bansos sudah benar?")
    writer.get_by_role("button", name="Ajukan untuk ditinjau").click()
    save(writer, "04-alur-penulis")

    editor.goto(live_server.url + "/admin/")
    save(editor, "01-beranda-admin")

    writer.goto(draft_url)
    writer.locator("#id_eligibility").scroll_into_view_if_needed()
    writer.get_by_label("Siapa yang berhak").press("End")
    writer.get_by_label("Siapa yang berhak").type("\n\n**Catatan:** data diperbarui tiap bulan.")
    writer.locator("#id_eligibility_preview strong").last.wait_for()
    save(writer, "02-markdown-pratinjau")

    writer.goto(draft_url)
    editor.goto(draft_url)
    writer.get_by_label("Ringkasan").fill(draft.summary + " Diperbarui.")
    writer.get_by_role("button", name="Simpan", exact=True).click()
    editor.get_by_label("Ringkasan").fill("Ringkasan versi Yusuf.")
    editor.get_by_role("button", name="Simpan", exact=True).click()
    save(editor, "03-bentrok-suntingan")

    draft.refresh_from_db()
    draft.eligibility += "\n\nLihat juga [cara cek penerima](/tanya-jawab/halaman-yang-belum-ada/)."
    draft.save()
    editor.goto(draft_url.replace("/change/", "/alur/"))
    save(editor, "05-alur-penyunting")

    editor.goto(f"{base}/change/")
    editor.get_by_label("Ringkasan").fill(pkh.summary.replace("keluarga", "keluarga miskin", 1))
    editor.get_by_role("button", name="Simpan", exact=True).click()
    editor.goto(f"{base}/history/")
    editor.get_by_role("button", name="Bandingkan A dan B").click()
    save(editor, "06-banding-revisi")

    editor.goto(draft_url.replace("/change/", "/pratinjau/"))
    save(editor, "07-pratinjau")

    editor.goto(f"{base}/alur/")
    editor.get_by_role("button", name="Arsipkan").click()
    editor.goto(live_server.url + "/admin/editorial/transition/")
    save(editor, "08-audit")
