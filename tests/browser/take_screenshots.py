"""Screenshots of the Humas admin for the README's guide: `make screenshots` runs
`python -m tests.browser.take_screenshots` (a script, not a test, and not part of `make test`).

The real admin on the demo content, in a scratch SQLite database, served the way the browser tests
serve the portal (tests/browser/site_server.py) and driven by Playwright in the system Chromium.
Writes small PNGs to docs/screenshots/. Each step waits for what its screenshot must show, so a page
caught mid-load stops the script instead of leaving a blank picture.
"""
# ruff: noqa: E402  (the settings read the scratch database from the environment, so Django is set up first)

import os
import re
import shutil
import tempfile
from pathlib import Path

SCRATCH = Path(tempfile.mkdtemp(prefix="bansos-screenshots-"))
os.environ.update(
    DJANGO_SETTINGS_MODULE="bansos_portal.settings",
    # The admin as `make run` shows it on a laptop: no second factor.
    DEBUG="True",
    DATABASE_URL=f"sqlite:///{SCRATCH / 'screenshots.sqlite3'}",
    # Playwright's sync API runs an event loop in this thread; the ORM calls between steps stay synchronous.
    DJANGO_ALLOW_ASYNC_UNSAFE="true",
    LOG_LEVEL="WARNING",
)

import django

django.setup()

from django.contrib.auth.models import Group, Permission, User
from django.core.management import call_command
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect, sync_playwright

from bansos_portal.content_file.load import DEMO_CONTENT
from bansos_portal.editorial.roles import ensure_roles
from bansos_portal.publishing import Status
from faq.models import Clarification, Question
from programs.models import Program
from tests.browser.site_server import collect_static, serve_site

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
PASSWORD = "kata-sandi-yang-panjang"
DESKTOP = {"width": 1280, "height": 800}


def save(page, name):
    """A viewport-sized PNG, reduced to a 256-colour palette: a few tens of KB each."""
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{name}.png"
    page.screenshot(path=path)
    with Image.open(path) as image:
        image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)
    print(f"  {path.relative_to(OUT.parents[1])}")


def sign_in(browser, base, username, role):
    user = User.objects.create_user(username, password=PASSWORD, is_staff=True, first_name=username.capitalize())
    user.groups.add(ensure_roles(Group, Permission)[role])
    page = browser.new_context(viewport=DESKTOP, locale="id-ID").new_page()
    page.goto(base + "/admin/login/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("heading", name="Kelola isi portal")).to_be_visible()
    return page


def save_form(page):
    page.get_by_role("button", name="Simpan", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("berhasil")


def demo_items():
    """The demo content, with a draft program, a draft question and a clarification overdue for review."""
    call_command("import_content", str(DEMO_CONTENT), verbosity=0)
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
    return pkh, draft, question


def take_screenshots(browser, base):
    pkh, draft, question = demo_items()
    writer = sign_in(browser, base, "wulan", "Penulis")
    editor = sign_in(browser, base, "yusuf", "Penyunting")
    pkh_url = f"{base}/admin/programs/program/{pkh.pk}"
    draft_url = f"{base}/admin/programs/program/{draft.pk}/change/"

    writer.goto(f"{base}/admin/faq/question/{question.pk}/alur/")
    writer.get_by_label("Komentar (tidak wajib)").fill("Mohon dicek: alamat situs cek bansos sudah benar?")
    writer.get_by_role("button", name="Ajukan untuk ditinjau").click()
    expect(writer.locator(".messagelist")).to_be_visible()
    save(writer, "04-alur-penulis")

    editor.goto(base + "/admin/")
    save(editor, "01-beranda-admin")

    writer.goto(draft_url)
    writer.locator("#id_eligibility").scroll_into_view_if_needed()
    writer.get_by_label(re.compile(r"^Siapa yang berhak:?$")).press("End")
    writer.get_by_label(re.compile(r"^Siapa yang berhak:?$")).type("\n\n**Catatan:** data diperbarui tiap bulan.")
    writer.locator("#id_eligibility_preview strong").last.wait_for()
    save(writer, "02-markdown-pratinjau")

    # Both open the draft; the writer saves first, so the editor's save is refused and shown why.
    writer.goto(draft_url)
    editor.goto(draft_url)
    writer.get_by_label("Ringkasan").fill(draft.summary + " Diperbarui.")
    save_form(writer)
    editor.get_by_label("Ringkasan").fill("Ringkasan versi Yusuf.")
    editor.get_by_role("button", name="Simpan", exact=True).click()
    expect(editor.get_by_text("Tidak disimpan:")).to_be_visible()
    save(editor, "03-bentrok-suntingan")

    draft.refresh_from_db()
    draft.eligibility += "\n\nLihat juga [cara cek penerima](/tanya-jawab/halaman-yang-belum-ada/)."
    draft.save()
    editor.goto(draft_url.replace("/change/", "/alur/"))
    save(editor, "05-alur-penyunting")

    editor.goto(draft_url.replace("/change/", "/history/"))
    editor.get_by_role("button", name="Bandingkan A dan B").click()
    expect(editor.locator("table.revision-diff")).to_be_visible()
    save(editor, "06-banding-revisi")

    # A live page is changed through a proposal: the writer proposes, the comparison shows what changes.
    writer.goto(f"{pkh_url}/change/")
    writer.get_by_role("button", name="Usulkan perubahan").click()
    writer.get_by_label("Ringkasan").fill(pkh.summary.replace("keluarga miskin", "keluarga miskin dan rentan", 1))
    writer.get_by_role("button", name="Simpan", exact=True).click()
    expect(writer.get_by_role("heading", name="Bandingkan dengan yang terbit")).to_be_visible()
    save(writer, "09-usulan-perubahan")

    editor.goto(draft_url.replace("/change/", "/pratinjau/"))
    save(editor, "07-pratinjau")

    editor.goto(f"{pkh_url}/alur/")
    editor.get_by_role("button", name="Arsipkan").click()
    expect(editor.locator(".messagelist")).to_be_visible()
    editor.goto(base + "/admin/editorial/transition/")
    save(editor, "08-audit")


def main():
    try:
        call_command("migrate", interactive=False, verbosity=0)
        collect_static(SCRATCH / "static")
        print(f"Admin screenshots ({CHROMIUM}):")
        with serve_site(SCRATCH / "static") as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM)
            take_screenshots(browser, base)
            browser.close()
    finally:
        shutil.rmtree(SCRATCH, ignore_errors=True)


if __name__ == "__main__":
    main()
