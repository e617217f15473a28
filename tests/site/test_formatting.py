import csv
import io

import pytest

from bansos_portal.formatting import csv_response, rupiah, rupiah_short, short_number


@pytest.mark.parametrize(
    ("value", "expected"),
    [(2_400_000, "Rp2.400.000"), (750_000, "Rp750.000"), (0, "Rp0"), (None, "")],
)
def test_rupiah_uses_dots_between_thousands(value, expected):
    assert rupiah(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (58_900_000_000_000, "Rp58,9 triliun"),
        (43_300_000_000_000, "Rp43,3 triliun"),
        (28_310_000_000_000, "Rp28,31 triliun"),
        (470_000_000_000_000, "Rp470 triliun"),
        (595_210_000_000, "Rp595,21 miliar"),
        (3_000_000, "Rp3 juta"),
        (750_000, "Rp750.000"),
    ],
)
def test_rupiah_short_names_the_scale_with_a_decimal_comma(value, expected):
    assert rupiah_short(value) == expected


def test_short_number_counts_people():
    assert short_number(18_800_000) == "18,8 juta"
    assert short_number(2_500) == "2.500"


def read_csv(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.parametrize("text", ["=1+2", "+1", "-2+3", "@SUM(A1)", "\tnaik", "\rturun"])
def test_csv_text_that_would_start_a_formula_is_written_as_text(text):
    response = csv_response("uji.csv", ["isi"], [{"isi": text}])

    assert read_csv(response)[1] == ["'" + text]


def test_csv_keeps_numbers_and_plain_text_as_written_and_leaves_unknowns_empty():
    rows = [{"angka": -1_500, "teks": "Nota Keuangan - APBN", "kosong": None, "tambahan": "tidak ditulis"}]

    response = csv_response("uji.csv", ["angka", "teks", "kosong"], rows)

    assert read_csv(response) == [["angka", "teks", "kosong"], ["-1500", "Nota Keuangan - APBN", ""]]
    assert response.content.startswith("\ufeff".encode())  # spreadsheet programs then read UTF-8
    assert response["Content-Disposition"] == 'attachment; filename="uji.csv"'
    assert response["Content-Type"] == "text/csv; charset=utf-8"
