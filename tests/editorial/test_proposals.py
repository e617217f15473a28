"""A live item changes through a proposal: a hidden draft copy that a Penyunting publishes onto it.
Until then the public page, the API, the downloads and search show the live item as it was."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from bansos_portal.content_file.dump import export_content
from bansos_portal.editorial.models import ChangeNote, Transition
from bansos_portal.links.models import ShortLink
from bansos_portal.publishing import Status
from bansos_portal.search.models import SearchEntry
from programs.models import Budget, Program
from tests.conftest import login_as

from .conftest import admin_url, changelist_url, form_data, move_on_page

PUBLIC = [
    "/program/pkh/",
    "/program/",
    "/api/v1/programs/pkh/",
    "/api/v1/programs/",
    "/data-terbuka/komponen-manfaat.csv",
    "/data-terbuka/anggaran.csv",
    "/anggaran/anggaran-bansos.csv",
]


def public_view(client):
    responses = {url: client.get(url) for url in PUBLIC}
    assert {url: response.status_code for url, response in responses.items()} == dict.fromkeys(PUBLIC, 200)
    return {url: response.content for url, response in responses.items()}


def full_form(client, url):
    """The change form as a browser submits it unchanged: its fields and every row of its inlines."""
    data = form_data(client, url)
    for inline in client.get(url).context["inline_admin_formsets"]:
        for form in inline.formset.forms:
            for name in form.fields:
                value = form[name].value()
                if value is not None and value is not False and value != "":
                    data[form.add_prefix(name)] = value
    return data


def edit(client, item, **changes):
    url = admin_url(item, "change")
    response = client.post(url, {**full_form(client, url), **changes})
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


@pytest.fixture
def pkh(make_program, make_component, make_budget):
    program = make_program(
        name="Program Keluarga Harapan",
        acronym="PKH",
        slug="pkh",
        summary="Bantuan tunai bersyarat untuk keluarga miskin.",
    )
    make_component(program, name="Ibu hamil", amount=3_000_000, year=2025)
    make_component(program, name="Anak SD", amount=900_000, year=2025, order=1)
    make_budget(program=program, year=2024, allocation=28_700_000_000_000)
    return program


def propose(client, live):
    response = client.post(admin_url(live, "propose"))
    assert response.status_code == 302
    return type(live).objects.get(proposal_for=live)


def test_a_writers_proposal_changes_nothing_public_until_an_editor_publishes_it(penulis, penyunting, pkh, client):
    before = public_view(client)
    live_form = penulis.get(admin_url(pkh, "change"))
    assert "Usulkan perubahan" in live_form.text and "Simpan dulu perubahan" not in live_form.text

    proposal = propose(penulis, pkh)
    page = penulis.get(admin_url(proposal, "change"))
    assert "Ini usulan perubahan untuk «PKH» yang sedang terbit." in page.text
    assert "Halaman publik tidak berubah sampai Penyunting menerbitkan usulan ini." in page.text
    saved = edit(
        penulis,
        proposal,
        summary="Bantuan tunai bersyarat, kini juga untuk lansia.",
        **{"components-0-amount": "3750000"},
    )
    assert saved["Location"] == admin_url(proposal, "compare_live") and "Lihat di situs" not in page.text
    move_on_page(penulis, proposal, {"target": Status.REVIEW, "comment": "Besaran ibu hamil naik menurut Kepmensos."})

    assert public_view(client) == before
    home = penyunting.get("/admin/").text
    compare_url = admin_url(proposal, "compare_live")
    assert f'<a href="{compare_url}">Usulan perubahan: Program Keluarga Harapan (PKH)</a>' in home
    assert "diajukan Wulan" in home and "Besaran ibu hamil naik menurut Kepmensos." in home

    comparison = penyunting.get(compare_url).text
    assert "Rp3.000.000" in comparison and "Rp3.750.000" in comparison
    assert "Komponen manfaat: Ibu hamil · 2025 (berubah)" in comparison and "Ringkasan (berubah)" in comparison
    assert "Anak SD" not in comparison and "Penyelenggara" not in comparison  # unchanged rows stay out
    assert "Anak SD" in penyunting.get(compare_url, {"semua": "1"}).text

    published = move_on_page(
        penyunting,
        proposal,
        {"target": Status.PUBLISHED, "acknowledge": "on", "change_note": "Besaran ibu hamil 2025 diperbarui."},
    )

    assert published.status_code == 302 and published["Location"] == admin_url(pkh, "workflow")
    page = client.get("/program/pkh/").text
    assert "Rp3.750.000" in page and "Rp3.000.000" not in page and "kini juga untuk lansia" in page
    assert "Perubahan penting: Besaran ibu hamil 2025 diperbarui." in page
    assert b"3750000" in client.get("/data-terbuka/komponen-manfaat.csv").content
    assert list(Program.objects.values_list("slug", flat=True)) == ["pkh"]  # the copy is gone
    pkh.refresh_from_db()
    assert pkh.status == Status.PUBLISHED and pkh.last_reviewed_at == timezone.localdate()
    revision = pkh.history.first()
    assert (revision.history_change_reason, revision.history_user.username) == ("Usulan perubahan diterbitkan", "yusuf")
    line = Transition.objects.for_item(pkh).get(action=Transition.Action.PROPOSAL_PUBLISHED)
    assert line.username == "yusuf" and "ringkasan" in line.comment and "Ibu hamil" in line.comment
    assert ChangeNote.objects.for_item(pkh).get().author.username == "yusuf"


def test_an_editor_changes_a_live_item_only_through_a_proposal_too(penyunting, pkh, client):
    url = admin_url(pkh, "change")
    page = penyunting.get(url)
    forged = {**full_form(penyunting, url), "summary": "Diubah langsung.", "components-0-amount": "1000000"}

    response = penyunting.post(url, forged)

    assert 'name="summary"' not in page.text and 'name="components-0-amount"' not in page.text
    assert 'name="slug"' in page.text and "Usulkan perubahan" in page.text
    assert response.status_code == 302
    pkh.refresh_from_db()
    assert pkh.summary == "Bantuan tunai bersyarat untuk keluarga miskin."
    assert sorted(pkh.components.values_list("amount", flat=True)) == [900_000, 3_000_000]

    proposal = propose(penyunting, pkh)
    edit(penyunting, proposal, summary="Diubah lewat usulan.")
    move_on_page(penyunting, proposal, {"target": Status.PUBLISHED, "acknowledge": "on"})

    assert "Diubah lewat usulan." in client.get("/program/pkh/").text


def test_a_writer_cannot_publish_a_proposal_not_even_by_a_forged_post_or_a_bulk_action(penulis, penyunting, pkh):
    proposal = propose(penulis, pkh)
    edit(penulis, proposal, summary="Versi usulan.")
    workflow_page = penulis.get(admin_url(proposal, "workflow")).text

    forged = move_on_page(penulis, proposal, {"target": Status.PUBLISHED, "acknowledge": "on"})
    penulis.post(changelist_url(pkh), {"action": "publish", "_selected_action": [str(proposal.pk)]})
    penyunting.post(changelist_url(pkh), {"action": "publish", "_selected_action": [str(proposal.pk)]})
    penyunting.post(changelist_url(pkh), {"action": "archive", "_selected_action": [str(proposal.pk)]})

    assert "Terbitkan usulan" not in workflow_page
    assert forged.status_code == 200 and "Pilihan status itu tidak tersedia untuk Anda." in forged.text
    proposal.refresh_from_db()
    pkh.refresh_from_db()
    assert proposal.status == Status.DRAFT and pkh.summary == "Bantuan tunai bersyarat untuk keluarga miskin."
    assert not Transition.objects.filter(action=Transition.Action.PROPOSAL_PUBLISHED).exists()
    assert penulis.get(admin_url(pkh, "propose")).status_code == 405


def test_publishing_is_refused_when_the_live_item_changed_after_the_proposal_was_made(penulis, penyunting, pkh):
    proposal = propose(penulis, pkh)
    edit(penulis, proposal, summary="Versi usulan.")
    edit(penyunting, pkh, slug="pkh-2025")  # a Penyunting still changes the live item's address directly

    refused = move_on_page(penyunting, proposal, {"target": Status.PUBLISHED, "acknowledge": "on"})

    pkh.refresh_from_db()
    assert refused.status_code == 200 and pkh.summary == "Bantuan tunai bersyarat untuk keluarga miskin."
    assert "Usulan belum diterbitkan: Yusuf mengubah halaman yang terbit" in refused.text
    assert "slug: «pkh» menjadi «pkh-2025»" in refused.text
    assert type(pkh).objects.filter(pk=proposal.pk).exists()

    # Shown what changed, the Penyunting may publish over it: the page now carries the live version seen.
    again = penyunting.post(
        admin_url(proposal, "workflow"),
        {
            "version": refused.context["version"],
            "live_seen": refused.context["live_seen"],
            "target": Status.PUBLISHED,
            "acknowledge": "on",
        },
    )
    pkh.refresh_from_db()
    assert again.status_code == 302 and pkh.summary == "Versi usulan." and pkh.slug == "pkh-2025"


def test_the_author_discards_a_proposal_and_the_live_item_keeps_a_record(penulis, pkh, client):
    before = public_view(client)
    proposal = propose(penulis, pkh)
    edit(penulis, proposal, summary="Tidak jadi.")
    other_writer = login_as("Penulis", "sari")

    refused = other_writer.post(admin_url(proposal, "discard"), {"comment": "Bukan punya saya."})
    discarded = penulis.post(admin_url(proposal, "discard"), {"comment": "Angkanya belum pasti."})

    assert refused.status_code == 403
    assert discarded.status_code == 302 and discarded["Location"] == admin_url(pkh, "change")
    assert not Program.objects.filter(proposal_for=pkh).exists()
    assert public_view(client) == before
    line = Transition.objects.for_item(pkh).get(action=Transition.Action.PROPOSAL_DISCARDED)
    assert (line.username, line.comment) == ("wulan", "Angkanya belum pasti.")


def test_proposals_never_reach_search_the_api_the_sitemap_feeds_short_links_or_exports(
    penulis, pkh, make_question, client
):
    question = make_question(question="Kapan PKH cair?", slug="kapan-pkh-cair")
    proposal = propose(penulis, pkh)
    edit(penulis, proposal, summary="Zebrakuda menerima bantuan.", **{"components-0-name": "Zebrakuda"})
    question_proposal = propose(penulis, question)
    edit(penulis, question_proposal, answer="Zebrakuda cair bulan depan.")
    ShortLink.objects.create(code="usulan", program=proposal)
    pages = [
        "/cari/?q=zebrakuda",
        "/api/v1/search/?q=zebrakuda",
        "/api/v1/programs/",
        "/api/v1/faq/questions/",
        "/sitemap.xml",
        "/pembaruan/atom.xml",
        "/program/pkh/atom.xml",
        "/data-terbuka/komponen-manfaat.csv",
        "/data-terbuka/anggaran.json",
        "/tanya-jawab/kapan-pkh-cair/",
    ]

    responses = {url: client.get(url) for url in pages}

    assert {url: response.status_code for url, response in responses.items()} == dict.fromkeys(pages, 200)
    # Searched for in lower case: "Zebrakuda" on a page could only come from a proposal.
    leaked = [url for url, response in responses.items() if "Zebrakuda" in response.text]
    assert leaked == [] and all("--usulan" not in response.text for response in responses.values())
    assert client.get("/program/pkh--usulan/").status_code == 404
    assert client.get("/s/usulan").status_code == 404
    assert not SearchEntry.objects.filter(slug__endswith="--usulan").exists()  # not indexed at all, not even as drafts
    exported = export_content()
    assert [item["slug"] for item in exported["programs"]] == ["pkh"]
    assert [item["slug"] for item in exported["faq"]] == ["kapan-pkh-cair"]
    assert "Zebrakuda" not in str(exported)


def test_an_item_has_at_most_one_open_proposal(penulis, penyunting, pkh):
    first = propose(penulis, pkh)
    again = penyunting.post(admin_url(pkh, "propose"))

    assert again["Location"] == admin_url(first, "change")
    assert Program.objects.filter(proposal_for=pkh).count() == 1
    with transaction.atomic(), pytest.raises(IntegrityError):
        Program.objects.create(name="Salinan kedua", slug="salinan-kedua", summary="x", proposal_for=pkh)
    first.status = Status.PUBLISHED
    with transaction.atomic(), pytest.raises(IntegrityError):
        first.save()  # the database itself never lets a proposal go public


def test_the_live_list_hides_proposals_and_says_which_item_has_one(penulis, pkh):
    proposal = propose(penulis, pkh)

    listing = penulis.get(changelist_url(pkh)).text
    proposals = penulis.get(changelist_url(pkh), {"usulan": "ya"}).text

    assert admin_url(proposal, "change") not in listing
    assert f'<a href="{admin_url(proposal, "compare_live")}">Ada usulan</a>' in listing
    assert admin_url(proposal, "change") in proposals


def test_the_comparison_matches_rows_and_marks_added_and_removed_ones(penulis, pkh, make_budget):
    proposal = propose(penulis, pkh)
    budget = proposal.budgets.get()
    url = admin_url(proposal, "change")
    data = full_form(penulis, url)
    data.update(
        {
            "components-1-DELETE": "on",  # Anak SD removed
            "components-TOTAL_FORMS": "3",
            "components-2-name": "Lansia",
            "components-2-amount": "2400000",
            "components-2-period": "year",
            "components-2-year": "2025",
            "components-2-order": "2",
            "budgets-0-realisation": "28500000000000",
        }
    )
    assert penulis.post(url, data).status_code == 302
    assert budget.pk != pkh.budgets.get().pk  # the copy has rows of its own

    comparison = penulis.get(admin_url(proposal, "compare_live")).text

    assert "Komponen manfaat: Lansia · 2025 (baru)" in comparison and "<ins>Rp2.400.000</ins>" in comparison
    assert "Komponen manfaat: Anak SD · 2025 (dihapus)" in comparison and "<del>Rp900.000</del>" in comparison
    assert "Anggaran: 2024 · pagu (berubah)" in comparison and "<ins>Rp28.500.000.000.000</ins>" in comparison
    assert "Ibu hamil" not in comparison


def test_a_live_programs_figures_change_only_through_its_proposal(penyunting, pkh):
    budget = pkh.budgets.get()
    url = admin_url(budget, "change")

    page = penyunting.get(url)
    changed = penyunting.post(url, {"program": pkh.pk, "year": "2024", "label": "pagu", "allocation": "1"})
    added = penyunting.post(
        reverse("admin:programs_budget_add"), {"program": pkh.pk, "year": "2026", "label": "pagu", "allocation": "1"}
    )

    assert page.status_code == 200 and 'name="_save"' not in page.text
    assert changed.status_code == 403
    assert added.status_code == 200 and "program" in added.context["adminform"].form.errors
    assert list(Budget.objects.values_list("allocation", flat=True)) == [28_700_000_000_000]


def test_a_change_note_on_a_move_that_publishes_nothing_is_refused_not_dropped(penyunting, pkh):
    page = penyunting.get(admin_url(pkh, "workflow")).text

    response = move_on_page(penyunting, pkh, {"target": Status.ARCHIVED, "change_note": "Besaran diperbarui."})

    assert 'name="change_note"' not in page
    assert response.status_code == 200 and "Perubahan penting hanya disimpan saat menerbitkan." in response.text
    pkh.refresh_from_db()
    assert pkh.status == Status.PUBLISHED and not ChangeNote.objects.exists()


def test_a_clarifications_related_programs_and_sources_change_with_its_proposal(
    penulis, penyunting, pkh, make_program, make_clarification, client
):
    bpnt = make_program(name="Bantuan Pangan Non Tunai", acronym="BPNT", slug="bpnt")
    clarification = make_clarification(slug="hoaks-pkh")
    clarification.programs.set([pkh])
    clarification.sources.create(title="Siaran pers lama", url="https://kemensos.go.id/lama")
    propose(penulis, pkh)  # another item's proposal is never offered as a related program
    proposal = propose(penulis, clarification)
    url = admin_url(proposal, "change")

    offered = penulis.get(url).context["adminform"].form.fields["programs"].queryset
    edit(
        penulis,
        proposal,
        programs=[str(pkh.pk), str(bpnt.pk)],
        **{"sources-0-url": "https://kemensos.go.id/baru", "sources-0-title": "Siaran pers baru"},
    )
    comparison = penyunting.get(admin_url(proposal, "compare_live")).text
    move_on_page(penyunting, proposal, {"target": Status.PUBLISHED, "acknowledge": "on"})

    assert sorted(offered.values_list("slug", flat=True)) == ["bpnt", "pkh"]
    assert "Sumber: https://kemensos.go.id/baru (baru)" in comparison
    assert "Sumber: https://kemensos.go.id/lama (dihapus)" in comparison
    assert "<ins>Bantuan Pangan Non Tunai (BPNT)" in comparison
    assert sorted(clarification.programs.values_list("slug", flat=True)) == ["bpnt", "pkh"]
    assert list(clarification.sources.values_list("title", flat=True)) == ["Siaran pers baru"]
    assert "Siaran pers baru" in client.get("/cek-fakta/hoaks-pkh/").text


def test_a_proposal_is_previewed_in_the_public_template_at_the_live_address(penulis, pkh):
    proposal = propose(penulis, pkh)
    edit(penulis, proposal, summary="Ringkasan yang diusulkan.")

    preview = penulis.get(admin_url(proposal, "preview"))

    assert preview.status_code == 200 and "Ringkasan yang diusulkan." in preview.text
    assert "Ini usulan perubahan untuk «PKH» yang sedang terbit." in preview.text
    assert "--usulan" not in preview.text
