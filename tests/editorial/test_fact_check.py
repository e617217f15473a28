"""«Klarifikasi cepat»: one form from a hoax to a published clarification, its address made from the
correction, and one page with the whole WhatsApp text, the short link, the picture and the A4 leaflet."""

import re

from django.urls import reverse
from django.utils import timezone

from bansos_portal.editorial.fact_check import first_words
from bansos_portal.links.models import ShortLink
from bansos_portal.links.share import clarification_message
from bansos_portal.publishing import Status
from faq.models import Clarification

QUICK = "/admin/faq/clarification/cepat/"
CLAIM = "Segera daftar bansos Rp 3,5 juta lewat tautan bit.ly/bansos-cair, isi NIK dan PIN ATM Anda."
CORRECTION = "Kemensos tidak pernah membagikan tautan pendaftaran bansos lewat WhatsApp"


def _fields(**extra):
    return {
        "claim": CLAIM,
        "verdict": Clarification.Verdict.HOAX,
        "correction": CORRECTION,
        "explanation": "Pendaftaran hanya lewat desa atau kelurahan dan aplikasi Cek Bansos.",
        "date": timezone.localdate().isoformat(),
        "sumber-TOTAL_FORMS": "2",
        "sumber-INITIAL_FORMS": "0",
        "sumber-0-title": "Siaran pers Kemensos",
        "sumber-0-url": "https://kemensos.go.id/siaran-pers",
        **extra,
    }


def test_the_form_opens_with_today_and_is_linked_from_home_and_the_list(penulis):
    form = penulis.get(QUICK)
    home = penulis.get(reverse("admin:index")).text
    listing = penulis.get(reverse("admin:faq_clarification_changelist")).text

    assert form.context["form"]["date"].value() == timezone.localdate()
    assert QUICK in home and QUICK in listing


def test_an_editor_publishes_and_lands_on_one_page_with_everything_to_share(penyunting, client):
    response = penyunting.post(QUICK, _fields(action="terbitkan"), follow=True)

    item = Clarification.objects.get()
    page = response.text
    message = re.search(r'<textarea id="pesan-whatsapp"[^>]*>(.*?)</textarea>', page, re.S).group(1)
    short = item.short_links.get()
    assert item.status == Status.PUBLISHED and client.get(item.get_absolute_url()).status_code == 200
    assert message.rstrip().endswith(f"/s/{short.code}/\nPengaduan resmi: Call Center 171 · lapor.go.id")
    assert f"http://testserver/s/{short.code}/" in page
    assert f"/cek-fakta/{item.slug}/leaflet/" in page and f"/cek-fakta/{item.slug}/gambar-bagikan.png" in page


def test_the_address_and_short_code_come_from_the_correction_never_the_hoax(penyunting):
    penyunting.post(QUICK, _fields(action="terbitkan"))

    item = Clarification.objects.get()
    code = ShortLink.objects.get(clarification=item).code
    assert item.slug.startswith("kemensos-tidak-pernah") and len(item.slug) <= 60
    assert code.startswith("kemensos") and len(code) <= 24
    assert "daftar" not in item.slug.split("-")[:3] and "bit" not in item.slug


def test_a_second_clarification_with_the_same_correction_gets_its_own_address(penyunting):
    penyunting.post(QUICK, _fields(action="terbitkan"))
    penyunting.post(QUICK, _fields(action="terbitkan"))

    slugs = list(Clarification.objects.values_list("slug", flat=True))
    codes = list(ShortLink.objects.values_list("code", flat=True))
    assert len(set(slugs)) == 2 and len(set(codes)) == 2


def test_a_writer_submits_a_draft_and_may_not_publish(penulis, client):
    publish_button = "Terbitkan sekarang" in penulis.get(QUICK).text
    refused = penulis.post(QUICK, _fields(action="terbitkan"))
    penulis.post(QUICK, _fields(action="ajukan"))

    item = Clarification.objects.get()
    assert not publish_button and refused.status_code == 403
    assert item.status == Status.REVIEW and client.get(item.get_absolute_url()).status_code == 404


def test_warnings_stop_publishing_until_acknowledged_and_nothing_is_saved_twice(penyunting):
    unsourced = _fields(action="terbitkan", explanation="Bantuan Rp 600.000 hanya lewat Pos.")
    unsourced["sumber-0-title"] = unsourced["sumber-0-url"] = ""

    warned = penyunting.post(QUICK, unsourced)
    saved_after_warning = Clarification.objects.count()
    penyunting.post(QUICK, {**unsourced, "acknowledge": "on"})

    assert "belum ada sumber" in warned.text and CLAIM in warned.text and saved_after_warning == 0
    assert Clarification.objects.get().status == Status.PUBLISHED


def test_a_missing_correction_is_asked_for_not_a_500(penyunting):
    response = penyunting.post(QUICK, _fields(action="terbitkan", correction=""))

    assert response.status_code == 200 and Clarification.objects.count() == 0
    assert "errorlist" in response.text


def test_the_leaflet_leads_with_verdict_and_correction_and_carries_a_qr_code(client, make_clarification):
    item = make_clarification(claim=CLAIM, correction=CORRECTION, slug="tautan-palsu")
    draft = make_clarification(status=Status.DRAFT, slug="masih-draf", correction=CORRECTION)

    html = client.get("/cek-fakta/tautan-palsu/leaflet/").text

    assert html.index(f"HOAKS: {CORRECTION}") < html.index("Segera daftar bansos")
    assert 'src="data:image/png;base64,' in html and "171" in html
    assert client.get(f"/cek-fakta/{draft.slug}/leaflet/").status_code == 404
    image = client.get(f"/cek-fakta/{item.slug}/gambar-bagikan.png")
    assert image["Content-Type"] == "image/png" and image.content.startswith(b"\x89PNG")


def test_a_long_explanation_never_cuts_the_complaint_line(make_clarification):
    long_text = "Kalimat pertama yang benar. " + "Isi penjelasan panjang. " * 80 + "Hubungi Call Center 171."
    item = make_clarification(explanation=long_text, correction="")

    message = clarification_message(item, "https://bansos.example/s/x/")

    assert message.endswith("https://bansos.example/s/x/\nPengaduan resmi: Call Center 171 · lapor.go.id")
    assert "Faktanya: Kalimat pertama yang benar.\n" in message


def test_first_words_cut_between_words():
    assert first_words("Kemensos tidak pernah membagikan tautan", 22) == "kemensos-tidak-pernah"
