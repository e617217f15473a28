import json

import pytest
from django.core.management import CommandError, call_command

from bansos_portal.content_file.dump import export_content
from bansos_portal.content_file.load import DEMO_CONTENT, import_content
from bansos_portal.search import engine
from bansos_portal.search.models import SearchEntry
from faq.models import Category, Clarification, Question
from programs.models import Budget, Program

DEMO_FILE = DEMO_CONTENT

# The format exactly as the content file documentation shows it, minimal and full.
SAMPLE = {
    "programs": [
        {
            "slug": "pkh",
            "name": "Program Keluarga Harapan",
            "acronym": "PKH",
            "summary": "Bantuan tunai bersyarat.",
            "eligibility": "Keluarga di **DTKS**.",
            "registration": "1. Ke desa",
            "status": "published",
            "benefit_components": [{"name": "Ibu hamil", "amount": 3000000, "period": "year", "year": 2025}],
            "budgets": [
                {
                    "year": 2022,
                    "allocation": 28700000000000,
                    "beneficiaries": 10000000,
                    "label": "pagu",
                    "source": "detik, 3 Juni 2021",
                }
            ],
            "sources": [{"title": "Kemensos", "url": "https://kemensos.go.id/"}],
        },
        {"slug": "bpnt", "name": "Program Sembako", "summary": "Bantuan pangan.", "status": "draft"},
    ],
    "ministry_budgets": [
        {"year": 2018, "allocation": 43300000000000, "source": "Sekjen Kemensos"},
        {"year": 2018, "allocation": 41300000000000, "label": "pagu", "source": "APBN 2018"},
    ],
    "faq_categories": [{"slug": "daftar", "name": "Pendaftaran"}],
    "faq": [
        {
            "slug": "cara-daftar",
            "question": "Bagaimana cara daftar?",
            "answer": "Ke **desa**.",
            "category": "daftar",
            "programs": ["pkh"],
            "related": ["cek-status"],
        },
        {"slug": "cek-status", "question": "Bagaimana cek status?", "answer": "Di cekbansos.", "category": "daftar"},
    ],
    "clarifications": [
        {
            "slug": "subsidi-ppkm",
            "claim": "Subsidi PPKM Rp300.000",
            "verdict": "hoaks",
            "explanation": "Situs palsu.",
            "date": "2021-07-19",
            "sources": [{"title": "Kemensos", "url": "https://kemensos.go.id/hoaks"}],
        },
    ],
}


def write(tmp_path, data, name="isi.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_import_creates_everything_in_the_documented_format(db, tmp_path):
    call_command("import_content", write(tmp_path, SAMPLE), stdout=None)

    pkh = Program.objects.get(slug="pkh")
    assert pkh.is_published() and "<strong>DTKS</strong>" in pkh.eligibility_html
    assert pkh.components.get().amount == 3_000_000
    assert pkh.budgets.get().beneficiaries == 10_000_000
    assert not Program.objects.get(slug="bpnt").is_published()
    assert sorted(Budget.objects.ministry_wide().values_list("allocation", flat=True)) == [
        41_300_000_000_000,
        43_300_000_000_000,
    ]
    question = Question.objects.get(slug="cara-daftar")
    assert question.is_published() and list(question.programs.all()) == [pkh]
    assert [other.slug for other in question.related.all()] == ["cek-status"]
    assert Clarification.objects.get().sources.get().url == "https://kemensos.go.id/hoaks"
    assert engine.search("daftar").entries


def test_import_is_safe_to_repeat(db, tmp_path):
    path = write(tmp_path, SAMPLE)

    call_command("import_content", path, stdout=None)
    first = export_content()
    call_command("import_content", path, stdout=None)

    assert export_content() == first
    assert Program.objects.count() == 2 and Budget.objects.count() == 3


def test_import_updates_by_slug(db, tmp_path):
    call_command("import_content", write(tmp_path, SAMPLE), stdout=None)
    changed = json.loads(json.dumps(SAMPLE))
    changed["programs"][0]["summary"] = "Ringkasan baru."

    call_command("import_content", write(tmp_path, changed), stdout=None)

    assert Program.objects.get(slug="pkh").summary == "Ringkasan baru."
    assert Program.objects.count() == 2


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d["faq"][1].update(category="tidak-ada"), 'faq[1] (slug "cek-status"): kategori "tidak-ada"'),
        (lambda d: d["programs"][1].update(summary=""), 'programs[1] (slug "bpnt"): summary'),
        (
            lambda d: d["programs"][0]["benefit_components"][0].update(amount="banyak"),
            'programs[0] (slug "pkh").benefit_components[0]: amount',
        ),
        (
            lambda d: d["clarifications"][0].update(verdict="mungkin"),
            'clarifications[0] (slug "subsidi-ppkm"): verdict',
        ),
        (lambda d: d["faq"][0].update(programs=["pkh", "hilang"]), "program tidak ditemukan: hilang"),
        (lambda d: d["faq"][0].update(related=["entah"]), "pertanyaan terkait tidak ditemukan: entah"),
        (lambda d: d["programs"][0].update(slug="bukan slug!"), 'programs[0] (slug "bukan slug!"): slug'),
        (lambda d: d["programs"][0].update(status="dihapus"), "status"),
        (lambda d: d["clarifications"][0].update(date="19/07/2021"), "bukan tanggal YYYY-MM-DD"),
        (lambda d: d["programs"][0].pop("slug"), 'programs[0]: "slug" wajib diisi'),
        (lambda d: d.update(faq="bukan daftar"), '"faq" harus berupa daftar'),
        (lambda d: d["faq"].append(dict(d["faq"][0])), 'faq[2]: slug "cara-daftar" sudah dipakai oleh faq[0]'),
    ],
)
def test_a_bad_entry_changes_nothing_and_is_named(db, tmp_path, mutate, message):
    call_command("import_content", write(tmp_path, {"programs": [SAMPLE["programs"][0]]}), stdout=None)
    before = export_content()
    bad = json.loads(json.dumps(SAMPLE))
    bad["programs"][0]["summary"] = "Tidak boleh tersimpan."
    mutate(bad)

    with pytest.raises(CommandError) as error:
        call_command("import_content", write(tmp_path, bad), stdout=None)

    assert message in str(error.value) and "Tidak ada yang diubah" in str(error.value)
    assert export_content() == before


@pytest.mark.parametrize(
    ("content", "message"),
    [("{bukan json", "bukan JSON"), ("[1, 2]", "objek JSON"), (b"\xff\xfe\x00", "bukan JSON")],
)
def test_unreadable_files_get_a_clear_message(db, tmp_path, content, message):
    path = tmp_path / "rusak.json"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())

    with pytest.raises(CommandError, match=message):
        call_command("import_content", str(path))


def test_missing_file_gets_a_clear_message(db):
    with pytest.raises(CommandError, match="tidak dapat dibaca"):
        call_command("import_content", "/tidak/ada.json")


def test_export_then_import_into_an_empty_database_reproduces_the_content(demo_import, tmp_path):
    exported = tmp_path / "ekspor.json"
    call_command("export_content", str(exported), stderr=None)
    original = export_content()

    content_entries = SearchEntry.objects.exclude(kind=SearchEntry.Kind.OFFICE)
    for model in (Question, Clarification, Category, Budget, Program):
        model.objects.all().delete()
    assert not content_entries.exists()
    call_command("import_content", str(exported), stdout=None)

    assert export_content() == original
    assert content_entries.count() == Program.objects.count() + Question.objects.count() + Clarification.objects.count()


def test_export_writes_json_to_stdout(demo_import, capsys):
    call_command("export_content")

    programs = json.loads(capsys.readouterr().out)["programs"]
    assert [program["slug"] for program in programs][:2] == ["pkh", "bpnt"]


def test_demo_content_meets_the_promised_size(demo_import):
    counts = demo_import

    assert counts["program"] >= 7 and counts["tanya jawab"] >= 40 and counts["klarifikasi"] >= 6
    assert Category.objects.with_published_questions().count() >= 6
    assert set(Program.objects.published().values_list("slug", flat=True)) >= {
        "pkh",
        "bpnt",
        "blt",
        "pbi-jk",
        "pip",
        "atensi",
        "rutilahu",
    }
    years = set(Budget.objects.ministry_wide().values_list("year", flat=True))
    assert {2018, 2019} <= years
    assert not Budget.objects.filter(source="").exists()  # every figure carries its source


def test_import_accepts_natural_spellings_of_coded_values(db):
    data = json.loads(json.dumps(SAMPLE))
    data["programs"][0]["benefit_components"][0]["period"] = "Per Tahap"
    data["programs"][0]["budgets"][0].update(
        label="Pagu Revisi", source={"title": "Kemenkeu", "url": "https://kemenkeu.go.id/"}
    )
    data["ministry_budgets"][0]["label"] = "APBN-P"
    data["clarifications"][0].update(verdict="Hoax", sources=["https://kemensos.go.id/hoaks"])
    data["faq"][0]["status"] = "draf"

    import_content(data=data)

    pkh = Program.objects.get(slug="pkh")
    assert pkh.components.get().get_period_display() == "per tahap"
    budget = pkh.budgets.get()
    assert budget.get_label_display() == "Pagu revisi" and budget.source_url == "https://kemenkeu.go.id/"
    assert Budget.objects.ministry_wide().filter(label="APBN-P").exists()
    clarification = Clarification.objects.get()
    assert clarification.verdict == "hoaks" and clarification.sources.get().url == "https://kemensos.go.id/hoaks"
    assert not Question.objects.get(slug="cara-daftar").is_published()
