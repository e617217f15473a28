"""A content file that cannot be stored as it is gets one clear line naming the entry and the field,
never a traceback, and changes nothing. Run on PostgreSQL too: it refuses NUL bytes that SQLite keeps."""

import json

import pytest
from django.core.management import CommandError, call_command

from bansos_portal.content_file.dump import export_content
from bansos_portal.content_file.load import ContentError, import_content
from bansos_portal.publishing import Status
from programs.models import Program

from .test_load_and_dump import SAMPLE, write


def sample():
    return json.loads(json.dumps(SAMPLE))


def edit(path, change):
    """A copy of SAMPLE with `change` applied to the part at `path` (keys and list indexes)."""

    def apply(data):
        part = data
        for step in path:
            part = part[step]
        change(part)

    return apply


PKH = ["programs", 0]
BAD_ENTRIES = [
    (
        edit(PKH, lambda p: p.update(published_at="2025-02-30T08:00")),
        'programs[0] (slug "pkh"): published_at "2025-02-30T08:00" bukan tanggal-waktu yang ada.',
    ),
    (
        edit(PKH, lambda p: p.update(unpublish_at="2025-13-01T00:00")),
        'programs[0] (slug "pkh"): unpublish_at "2025-13-01T00:00" bukan tanggal-waktu yang ada.',
    ),
    (
        edit(PKH, lambda p: p.update(unpublish_at="2025-02-29")),
        'programs[0] (slug "pkh"): unpublish_at "2025-02-29" bukan tanggal-waktu yang ada.',
    ),
    (
        edit(["clarifications", 0], lambda c: c.update(date="2025-02-30")),
        'clarifications[0] (slug "subsidi-ppkm"): date "2025-02-30" bukan tanggal yang ada.',
    ),
    (
        edit(PKH, lambda p: p.update(published_at="0001-01-01T00:00")),
        'programs[0] (slug "pkh"): published_at "0001-01-01T00:00" di luar rentang',
    ),
    (
        edit([*PKH, "benefit_components", 0], lambda c: c.update(amount=float("inf"))),
        'programs[0] (slug "pkh").benefit_components[0]: amount harus bilangan bulat, bukan Infinity.',
    ),
    (
        edit(["ministry_budgets", 0], lambda b: b.update(allocation=float("-inf"))),
        "ministry_budgets[0]: allocation harus bilangan bulat, bukan -Infinity.",
    ),
    (
        edit([*PKH, "budgets", 0], lambda b: b.update(beneficiaries=float("nan"))),
        'programs[0] (slug "pkh").budgets[0]: beneficiaries harus bilangan bulat, bukan NaN.',
    ),
    (
        edit(PKH, lambda p: p.update(order=2.5)),
        'programs[0] (slug "pkh"): order harus bilangan bulat, bukan 2.5.',
    ),
    (
        edit(PKH, lambda p: p.update(summary="Bantuan\x00tunai.")),
        'programs[0] (slug "pkh"): summary berisi karakter NUL',
    ),
    (
        edit([*PKH, "sources", 0], lambda s: s.update(title="Kemensos\x00")),
        'programs[0] (slug "pkh"): sources[0].title berisi karakter NUL',
    ),
    (
        edit(["faq", 0], lambda q: q.update(programs=["pkh\x00"])),
        'faq[0] (slug "cara-daftar"): programs[0] berisi karakter NUL',
    ),
    (
        edit(PKH, lambda p: p.update(slug="pkh\x00")),
        "programs[0]: slug berisi karakter NUL",
    ),
    (
        edit(PKH, lambda p: p.update(name=["Program", "Keluarga Harapan"])),
        'programs[0] (slug "pkh"): name harus berupa teks, bukan ["Program", "Keluarga Harapan"].',
    ),
    (
        edit([*PKH, "sources", 0], lambda s: s.update(title=["x"])),
        'programs[0] (slug "pkh").sources[0]: title harus berupa teks, bukan ["x"].',
    ),
    (
        edit([*PKH, "budgets", 0], lambda b: b.update(source={"title": {"nama": "Kemenkeu"}})),
        'programs[0] (slug "pkh").budgets[0].source: title harus berupa teks, bukan {"nama": "Kemenkeu"}.',
    ),
    (
        edit(PKH, lambda p: p.update(status=["published"])),
        'programs[0] (slug "pkh"): status harus berupa teks',
    ),
    (
        edit(PKH, lambda p: p.update(slug=["pkh"])),
        'programs[0]: slug harus berupa teks, bukan ["pkh"].',
    ),
    (
        edit(PKH, lambda p: p.update(description=[[[[[["terlalu dalam"]]]]]])),
        'programs[0] (slug "pkh"): description[0][0][0][0][0] bersarang terlalu dalam',
    ),
]


@pytest.fixture
def imported_once(db, tmp_path):
    call_command("import_content", write(tmp_path, {"programs": [SAMPLE["programs"][0]]}), stdout=None)
    return export_content()


@pytest.mark.parametrize(("mutate", "message"), BAD_ENTRIES)
def test_a_bad_value_is_named_by_entry_and_field_and_changes_nothing(imported_once, tmp_path, mutate, message):
    bad = sample()
    bad["programs"][0]["summary"] = "Tidak boleh tersimpan."
    mutate(bad)

    with pytest.raises(CommandError) as error:
        call_command("import_content", write(tmp_path, bad), stdout=None)

    assert str(error.value).startswith("Tidak ada yang diubah. ") and message in str(error.value)
    assert "\n" not in str(error.value) and "\x00" not in str(error.value)
    assert export_content() == imported_once


@pytest.mark.parametrize(("mutate", "message"), BAD_ENTRIES)
def test_the_same_values_given_as_data_raise_a_content_error(imported_once, mutate, message):
    bad = sample()
    mutate(bad)

    with pytest.raises(ContentError) as error:
        import_content(data=bad)

    assert message in str(error.value)
    assert export_content() == imported_once


@pytest.mark.parametrize(
    ("number", "field"),
    [("1e400", "allocation"), ("Infinity", "allocation"), ("-1e999", "beneficiaries"), ("NaN", "realisation")],
)
def test_numbers_json_reads_as_infinity_or_nan_are_refused(imported_once, tmp_path, number, field):
    data = sample()
    data["programs"][0]["budgets"][0][field] = "__ANGKA__"
    path = tmp_path / "angka.json"
    path.write_text(json.dumps(data).replace('"__ANGKA__"', number), encoding="utf-8")

    with pytest.raises(CommandError) as error:
        call_command("import_content", str(path), stdout=None)

    assert f'programs[0] (slug "pkh").budgets[0]: {field} harus bilangan bulat' in str(error.value)
    assert export_content() == imported_once


def test_a_file_nested_deeper_than_json_can_read_gets_a_clear_message(imported_once, tmp_path):
    path = tmp_path / "dalam.json"
    path.write_text('{"programs": [' + "[" * 200_000 + "]" * 200_000 + "]}")

    with pytest.raises(CommandError, match="Tidak ada yang diubah. Berkas bersarang terlalu dalam"):
        call_command("import_content", str(path), stdout=None)

    assert export_content() == imported_once


def test_deeply_nested_data_is_refused_before_anything_walks_it(imported_once):
    deep = "teks"
    for _ in range(5_000):
        deep = [deep]
    bad = sample()
    bad["programs"][0]["name"] = deep

    with pytest.raises(ContentError, match=r'programs\[0\] \(slug "pkh"\): name(\[0\])+ bersarang terlalu dalam'):
        import_content(data=bad)

    assert export_content() == imported_once


def test_reimporting_without_status_keeps_each_item_as_it_is(db, tmp_path):
    data = sample()
    data["programs"][1]["status"] = "draft"
    data["faq"][0]["status"] = "archived"
    call_command("import_content", write(tmp_path, data), stdout=None)
    for entry in [*data["programs"], *data["faq"]]:
        entry.pop("status", None)
    data["programs"].append({"slug": "pip", "name": "Program Indonesia Pintar", "summary": "Bantuan sekolah."})

    call_command("import_content", write(tmp_path, data), stdout=None)

    statuses = dict(Program.objects.values_list("slug", "status"))
    assert statuses == {"pkh": Status.PUBLISHED, "bpnt": Status.DRAFT, "pip": Status.PUBLISHED}
    assert not Program.objects.get(slug="bpnt").is_published()
    assert [q["status"] for q in export_content()["faq"] if q["slug"] == "cara-daftar"] == [Status.ARCHIVED]


def test_a_slug_another_program_left_behind_is_refused_and_keeps_redirecting(imported_once, client, tmp_path):
    pkh = Program.objects.get(slug="pkh")
    pkh.slug = "program-keluarga-harapan"
    pkh.save()
    before = export_content()
    hijack = {"programs": [{"slug": "pkh", "name": "Draf baru", "summary": "Draf.", "status": "draft"}]}

    with pytest.raises(CommandError) as error:
        call_command("import_content", write(tmp_path, hijack), stdout=None)

    assert str(error.value) == (
        'Tidak ada yang diubah. programs[0] (slug "pkh"): Slug «pkh» pernah dipakai oleh '
        "«Program Keluarga Harapan (PKH)» dan masih mengarah ke sana; pilih slug lain."
    )
    assert export_content() == before
    assert client.get("/program/pkh/")["Location"] == "/program/program-keluarga-harapan/"
