import pytest

from bansos_portal.formatting import rupiah, rupiah_short, short_number


@pytest.mark.parametrize(
    ("value", "expected"),
    [(2_400_000, "Rp 2.400.000"), (750_000, "Rp 750.000"), (0, "Rp 0"), (None, "")],
)
def test_rupiah_uses_dots_between_thousands(value, expected):
    assert rupiah(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (58_900_000_000_000, "Rp 58,9 triliun"),
        (43_300_000_000_000, "Rp 43,3 triliun"),
        (28_310_000_000_000, "Rp 28,31 triliun"),
        (470_000_000_000_000, "Rp 470 triliun"),
        (595_210_000_000, "Rp 595,21 miliar"),
        (3_000_000, "Rp 3 juta"),
        (750_000, "Rp 750.000"),
    ],
)
def test_rupiah_short_names_the_scale_with_a_decimal_comma(value, expected):
    assert rupiah_short(value) == expected


def test_short_number_counts_people():
    assert short_number(18_800_000) == "18,8 juta"
    assert short_number(2_500) == "2.500"
