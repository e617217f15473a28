"""What the index holds: the text a public page shows, nothing its Markdown source hides."""

import io
from importlib import import_module
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.db.models.signals import post_delete
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bansos_portal.directory.models import OfficeDetailSource, Region
from bansos_portal.directory.regions import Entry, package_entries, sync_regions
from bansos_portal.editorial import proposals
from bansos_portal.publishing import Status
from bansos_portal.search import engine
from bansos_portal.search.models import SearchEntry, SearchPosting, SearchTerm

UPGRADE = import_module("bansos_portal.migrations.0011_index_question_words")
MIGRATING = SimpleNamespace(connection=connection)  # what the migration reads of its schema editor

HIDDEN_NOTE = (
    "Datang ke kantor desa.\n\n"
    "<!-- catatan internal: kuota belum disetujui pejabat -->\n\n"
    "- Bawa KTP asli\n"
    "- Bawa kartu keluarga"
)


def titles(query):
    return [entry.title for entry in engine.search(query).entries]


def test_text_in_an_html_comment_is_not_found(make_question, make_program):
    make_question(question="Bagaimana cara daftar?", answer=HIDDEN_NOTE)
    make_program(name="Program Uji Komentar", description="Tentang program.\n\n<!-- angka sementara dari pejabat -->")

    assert titles("pejabat") == []
    assert titles("catatan internal") == []
    assert titles("ktp") == ["Bagaimana cara daftar?"]


def test_search_page_snippet_shows_the_page_text_without_comments_or_list_marks(client, make_question):
    make_question(question="Bagaimana cara daftar?", answer=HIDDEN_NOTE)

    response = client.get(reverse("search"), {"q": "asli"})

    assert "Datang ke kantor desa. Bawa KTP <mark>asli</mark> Bawa kartu keluarga" in response.text
    assert "catatan internal" not in response.text and "pejabat" not in response.text
    assert "- Bawa" not in response.text


def test_api_snippet_holds_no_script_or_comment_text(client, make_question):
    make_question(
        question="Kapan bantuan cair?",
        answer="Cair tiap tahap.\n\n<script>alert('hadiah')</script>\n\n<!-- rapat tertutup -->",
    )

    data = client.get("/api/v1/search/", {"q": "bantuan cair"}).json()

    assert [result["snippet"] for result in data["results"]] == ["Cair tiap tahap."]
    assert client.get("/api/v1/search/", {"q": "hadiah"}).json()["total"] == 0


# Dinas Sosial offices: one entry per region page, kept current as regions load and offices change.

BANDUNG = "/dinas-sosial/jawa-barat/kabupaten-bandung/"
KOTA_MALANG = "/dinas-sosial/jawa-timur/kota-malang/"


def urls(query, **options):
    return [entry.url for entry in engine.search(query, **options).entries]


@pytest.mark.parametrize(
    ("query", "url"),
    [
        ("dinsos kab bandung", BANDUNG),
        ("dinas sosial kota malang", KOTA_MALANG),
        ("dinsos jatim", "/dinas-sosial/jawa-timur/"),
        ("Dinas Sosial Kabupaten Bandung", BANDUNG),
        ("dinsos kota malng", KOTA_MALANG),
        ("dinas sosial prov sulsel", "/dinas-sosial/sulawesi-selatan/"),
        ("kantor dinsos diy", "/dinas-sosial/daerah-istimewa-yogyakarta/"),
    ],
)
def test_site_search_finds_the_office_page_of_the_region_asked_for(regions, query, url):
    first = engine.search(query).entries[0]

    assert (first.url, first.kind) == (url, SearchEntry.Kind.OFFICE)


def test_every_active_region_has_one_entry_and_loading_them_writes_the_index_in_batches(db):
    with CaptureQueriesContext(connection) as queries:
        call_command("load_regions", stdout=io.StringIO())

    entries = SearchEntry.objects.filter(kind=SearchEntry.Kind.OFFICE)
    assert entries.count() == Region.objects.active().count() > 500
    writes = [q["sql"] for q in queries if q["sql"].startswith('INSERT INTO "bansos_portal_searchentry"')]
    # Rows go in as many at a time as the database takes (SQLite: about 60), never one statement per region.
    assert 0 < len(writes) <= Region.objects.count() / 50


def test_a_reloaded_region_list_archives_a_region_out_of_search_and_renames_in_place(regions):
    entries = [entry for entry in package_entries() if entry.code != "32.04"]
    entries = [Entry(e.code, "Kota Malang Raya", e.kind) if e.code == "35.73" else e for e in entries]

    sync_regions(entries)

    assert BANDUNG not in urls("dinsos kab bandung")
    assert urls("dinsos malang raya")[0] == "/dinas-sosial/jawa-timur/kota-malang-raya/"
    assert not SearchEntry.objects.filter(url=KOTA_MALANG).exists()


def test_a_published_office_brings_its_verified_details_into_search_and_edits_follow(make_office):
    office = make_office("35.73", address="Jl. Majapahit No. 7, Kota Malang", phones="(0341) 364-000")

    assert urls("jalan majapahit malang")[0] == KOTA_MALANG
    snippet = engine.search("dinsos kota malang").entries[0].snippet_html
    assert "Jl. Majapahit No. 7" in snippet and "(0341) 364-000" in snippet

    office.sources.filter(detail="address").delete()
    assert KOTA_MALANG not in urls("majapahit")

    office.address = "Jl. Tugu No. 1"
    office.save()
    OfficeDetailSource.objects.create(office=office, detail="address", url="https://malangkota.go.id/")
    assert urls("jalan tugu")[0] == KOTA_MALANG


def test_an_office_draft_or_a_proposed_change_never_reaches_search_until_published(make_office, django_user_model):
    office = make_office("35.73", status=Status.DRAFT, address="Jl. Rahasia No. 1")
    assert urls("rahasia") == []
    office.status = Status.PUBLISHED
    office.save()
    assert urls("rahasia")[0] == KOTA_MALANG

    editor = django_user_model.objects.create_superuser("penyunting", password="rahasia-penyunting")
    proposal, _ = proposals.propose(office, user=editor)
    proposal.address = "Jl. Usulan No. 2"
    proposal.save()
    assert urls("usulan") == [] and urls("rahasia")[0] == KOTA_MALANG

    proposals.publish(proposal, user=editor)
    assert urls("usulan")[0] == KOTA_MALANG and urls("rahasia") == []


def test_the_programs_an_office_serves_are_its_entrys_programs(make_office, make_program):
    pkh = make_program(name="Program Keluarga Harapan", acronym="PKH", slug="pkh")
    office = make_office("35.73", verified=("services",))

    office.services.add(pkh)

    assert KOTA_MALANG in urls("dinsos kota malang", program="pkh")
    office.services.remove(pkh)
    assert KOTA_MALANG not in urls("dinsos kota malang", program="pkh")


def test_rebuilding_the_index_gives_the_entries_and_vocabulary_that_loading_gave(make_office):
    make_office("35.73")

    def snapshot():
        fields = ("kind", "slug", "title", "url", "summary", "body", "status")
        return (
            sorted(SearchEntry.objects.values_list(*fields)),
            sorted(SearchTerm.objects.values_list("word", "frequency")),
        )

    loaded = snapshot()
    call_command("rebuild_search_index", stdout=io.StringIO())

    assert snapshot() == loaded
    assert SearchEntry.objects.filter(kind=SearchEntry.Kind.OFFICE).count() == Region.objects.count()


def test_search_page_labels_offices_and_filters_them(regions, client):
    response = client.get(reverse("search"), {"q": "dinsos kota malang"})

    assert '<p class="result-kind">Dinas Sosial</p>' in response.text
    assert "jenis=office" in response.text and "Dinas Sosial (" in response.text
    only_offices = client.get(reverse("search"), {"q": "malang", "jenis": "office"})
    assert only_offices.text.count('<p class="result-kind">Dinas Sosial</p>') >= 2
    assert '<p class="result-kind">Program</p>' not in only_offices.text


def test_api_lists_offices_as_a_search_type_in_answers_and_document(regions, client):
    data = client.get("/api/v1/search/", {"q": "dinsos kab bandung", "type": "office"}).json()
    document = client.get("/api/v1/openapi.json").json()

    assert data["results"][0] == {
        "type": "office",
        "slug": "32.04",
        "title": "Dinas Sosial Kabupaten Bandung",
        "url": f"http://testserver{BANDUNG}",
        "snippet": "Rincian kantor daerah ini belum terverifikasi. Kabupaten Bandung, Provinsi Jawa Barat",
    }
    parameter = next(p for p in document["paths"]["/search/"]["get"]["parameters"] if p["name"] == "type")
    assert "office" in str(parameter["schema"])


def test_upgrading_indexes_a_database_built_without_the_question_words(make_question):
    make_question(question="Kapan bantuan PKH cair?", answer="Bertahap tiap tiga bulan.")
    # An index built before the question words counted: their terms and stems are missing.
    SearchTerm.objects.filter(word="kapan").delete()
    SearchEntry.objects.update(title_stems="bantu pkh cair")

    UPGRADE.index_again(apps, MIGRATING)

    assert SearchTerm.objects.filter(word="kapan").exists()
    assert SearchEntry.objects.get().title_stems == "kapan bantu pkh cair"
    assert titles("kapan cair") == ["Kapan bantuan PKH cair?"]


def test_upgrading_an_empty_database_indexes_nothing(db):
    UPGRADE.index_again(apps, MIGRATING)

    assert not SearchEntry.objects.exists()


def test_a_deleted_item_leaves_no_postings_and_none_is_read_one_by_one(make_question):
    kept = make_question(question="Kapan bantuan PKH cair?", answer="Bertahap tiap tiga bulan.")
    gone = make_question(question="Di mana mengambil bantuan sembako?", answer="Di e-warong terdekat.")
    entry = SearchEntry.objects.get(object_id=gone.pk, kind=SearchEntry.Kind.QUESTION)
    assert SearchPosting.objects.filter(entry=entry).count() >= 5
    signalled = []

    def deleted(sender, **kwargs):
        signalled.append(sender)

    post_delete.connect(deleted)
    try:
        gone.delete()
    finally:
        post_delete.disconnect(deleted)

    # The database deletes the postings with their entry: Django reads none of them as a model first.
    assert SearchPosting not in signalled
    assert not SearchPosting.objects.filter(entry_id=entry.pk).exists()
    assert SearchPosting.objects.filter(entry__object_id=kept.pk).exists()
    assert titles("sembako") == []
    assert titles("kapan cair") == ["Kapan bantuan PKH cair?"]
