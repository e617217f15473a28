"""Reading rupiah as Humas types them: every accepted form gives the intended amount, every form a reader
could take two ways is refused with a message saying what to write."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bansos_portal.formatting import MAX_RUPIAH, parse_rupiah, rupiah, thousands

ACCEPTED = [
    ("3.000.000", 3_000_000),
    ("3000000", 3_000_000),
    ("Rp3.000.000", 3_000_000),
    ("Rp 3.000.000", 3_000_000),
    ("Rp. 3.000.000", 3_000_000),
    ("rp 3.000.000", 3_000_000),
    ("Rp\u00a03.000.000", 3_000_000),  # a no-break space, as pasted from a web page or a letter
    ("  3.000.000  ", 3_000_000),
    ("Rp 3 juta", 3_000_000),
    ("3 juta rupiah", 3_000_000),
    ("3jt", 3_000_000),
    ("3 jt", 3_000_000),
    ("3 JUTA", 3_000_000),
    ("1,8 juta", 1_800_000),
    ("1,5 miliar", 1_500_000_000),
    ("1,5 milyar", 1_500_000_000),
    ("58,9 triliun", 58_900_000_000_000),
    ("300 ribu", 300_000),
    ("300rb", 300_000),
    ("1.500 juta", 1_500_000_000),
    ("2.400.000,-", 2_400_000),
    ("2.400.000,00", 2_400_000),
    ("0", 0),
]

REFUSED = [
    ("3.000000", "setiap titik harus diikuti tepat tiga angka"),
    ("3.00.000", "setiap titik harus diikuti tepat tiga angka"),
    ("0.500", "setiap titik harus diikuti tepat tiga angka"),
    ("3.5", "setiap titik harus diikuti tepat tiga angka"),
    ("3,000,000", "Di sini ribuan dipisah titik: 3.000.000"),
    ("3,000", "Di sini ribuan dipisah titik: 3.000"),
    ("1,500 juta", "bisa dibaca dua cara"),
    ("1.5 juta", "Pakai koma untuk desimal: tulis 1,5 juta, bukan 1.5 juta"),
    ("2 M", "«M» bisa dibaca miliar atau million"),
    ("58,9 T", "Satuan «t» tidak dikenal"),
    ("3 million", "Satuan «million» tidak dikenal"),
    ("-3.000.000", "tidak boleh negatif"),
    ("Rp -3.000.000", "tidak boleh negatif"),
    ("\u22123.000.000", "tidak boleh negatif"),
    ("", "Isi besarannya"),
    ("   ", "Isi besarannya"),
    ("Rp", "tidak terbaca sebagai rupiah"),
    ("tiga juta", "tidak terbaca sebagai rupiah"),
    ("3 000 000", "tidak terbaca sebagai rupiah"),
    ("3,", "tidak terbaca sebagai rupiah"),
    ("3,- juta", "tidak terbaca sebagai rupiah"),
    ("3.000,50", "tanpa sen"),
    ("3,5", "tanpa sen"),
    ("1,2345678 juta", "bukan jumlah rupiah yang utuh"),
    ("1.000.000.000.000.000", "paling banyak 15 angka"),
    ("1.000 triliun", "paling banyak 15 angka"),
    ("9" * 41, "Terlalu panjang"),
]


@pytest.mark.parametrize(("text", "amount"), ACCEPTED)
def test_parse_rupiah_reads_the_ways_indonesians_write_money(text, amount):
    assert parse_rupiah(text) == amount


@pytest.mark.parametrize(("text", "message"), REFUSED)
def test_parse_rupiah_refuses_what_could_be_read_two_ways_and_says_why(text, message):
    with pytest.raises(ValueError, match=message):
        parse_rupiah(text)


def test_a_mangled_three_million_is_never_read_as_three():
    # Chromium's number input turned a typed "3.000.000" into this, and Django saved Rp 3.
    with pytest.raises(ValueError):
        parse_rupiah("3.000000")


@given(st.integers(min_value=0, max_value=MAX_RUPIAH))
def test_any_amount_written_with_dots_reads_back_as_itself(amount):
    assert parse_rupiah(thousands(amount)) == amount
    assert parse_rupiah(rupiah(amount)) == amount


@given(st.text(max_size=30))
def test_any_text_gives_a_whole_amount_or_a_message(text):
    try:
        amount = parse_rupiah(text)
    except ValueError as error:
        assert str(error)
    else:
        assert 0 <= amount <= MAX_RUPIAH


@given(st.text(alphabet="0123456789.,-Rp jutaribmlyrM", max_size=20))
def test_rupiah_like_text_gives_a_whole_amount_or_a_message(text):
    try:
        amount = parse_rupiah(text)
    except ValueError:
        return
    assert 0 <= amount <= MAX_RUPIAH
