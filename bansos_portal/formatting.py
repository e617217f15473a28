"""Indonesian number and money formats ("Rp 2.400.000", "Rp 58,9 triliun"), written and read, and CSV downloads."""

import csv
import re
from decimal import ROUND_HALF_UP, Decimal

from django.http import HttpResponse

SCALES = ((10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"))


def thousands(value):
    """12345678 -> "12.345.678"."""
    return f"{int(value):,}".replace(",", ".")


# "Rp" stands straight against the number, no space and no dot. The official spelling guide (EYD, Badan
# Bahasa; edisi V 2022 at ejaan.kemdikbud.go.id, "Penulisan Angka dan Bilangan") gives money in its rule
# "angka digunakan untuk menyatakan ... nilai uang" as "Rp5.000,00", and the government's indonesiabaik.id
# ("Cara Penulisan Rupiah yang Benar") spells it out: "Rp100.000", not "Rp 100.000". Large sums keep the
# join, "Rp58,9 triliun", so tables, leaflets and Humas' text all read alike.
def rupiah(value):
    """2400000 -> "Rp2.400.000"."""
    if value is None or value == "":
        return ""
    return f"Rp{thousands(value)}"


def decimal_id(value, places=2):
    """Decimal with an Indonesian comma and no trailing zeros: 58.90 -> "58,9"."""
    rounded = Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    whole, _, fraction = f"{rounded:f}".partition(".")
    fraction = fraction.rstrip("0")
    whole = thousands(whole)
    return f"{whole},{fraction}" if fraction else whole


def short_number(value):
    """58900000000000 -> "58,9 triliun"; small numbers keep every digit."""
    if value is None or value == "":
        return ""
    value = int(value)
    for scale, word in SCALES:
        if abs(value) >= scale:
            return f"{decimal_id(Decimal(value) / scale)} {word}"
    return thousands(value)


def rupiah_short(value):
    """58900000000000 -> "Rp58,9 triliun"."""
    if value is None or value == "":
        return ""
    return f"Rp{short_number(value)}"


# What an editor may write after the number, as a power of ten. Single letters are not here: "2 M" is
# miliar to one reader and million to another, a thousandfold apart.
UNITS = {"ribu": 3, "rb": 3, "juta": 6, "jt": 6, "miliar": 9, "milyar": 9, "triliun": 12, "trilyun": 12}
MAX_RUPIAH = 10**15 - 1  # 15 digits: the largest budget line is in the tens of trillions
AMOUNT = re.compile(r"(?:rp\.?\s?)?(?P<number>[0-9][0-9.,]*?)(?P<dash>,-)?\s?(?P<unit>[a-z]+)?")
NEGATIVE = re.compile(r"(?:rp\.?\s?)?[-\u2212\u2013]")
GROUPED = re.compile(r"[1-9][0-9]{0,2}(?:\.[0-9]{3})+|[0-9]+")  # 3.000.000 or 3000000
ENGLISH_COMMA = re.compile(r",[0-9]{3}(?![0-9])")  # 3,000,000 (and 1,500 juta: ribuan or decimals?)
EXAMPLES = "misalnya 3.000.000, Rp3 juta atau 1,5 miliar"


def parse_rupiah(text):
    """Whole rupiah from what an editor typed ("Rp3.000.000", "Rp 3 juta", "1,5 miliar", "2.400.000,-").

    Anything a reader could take two ways raises ValueError with an Indonesian message saying what to
    write instead: "3.000000" is never 3, "3,000,000" and "1.5 juta" are written the English way."""
    typed = " ".join(str(text).split())
    written = typed.lower().removesuffix("rupiah").strip()
    if not written:
        raise ValueError(f"Isi besarannya dalam rupiah, {EXAMPLES}.")
    if len(written) > 40:
        raise ValueError("Terlalu panjang untuk sebuah besaran rupiah.")
    if NEGATIVE.match(written):
        raise ValueError("Besaran tidak boleh negatif.")
    match = AMOUNT.fullmatch(written)
    if not match or (match["dash"] and match["unit"]):
        raise ValueError(f"«{typed}» tidak terbaca sebagai rupiah. Tulis {EXAMPLES}.")
    exponent = _unit_exponent(match["unit"])
    whole, fraction = _whole_and_fraction(match["number"], match["unit"], typed)
    amount = Decimal(f"{whole.replace('.', '')}.{fraction or 0}").scaleb(exponent)
    if amount != amount.to_integral_value():
        raise ValueError(f"«{typed}» bukan jumlah rupiah yang utuh.")
    if amount > MAX_RUPIAH:
        raise ValueError("Terlalu besar: besaran paling banyak 15 angka (di bawah Rp1.000 triliun).")
    return int(amount)


def _unit_exponent(unit):
    if not unit:
        return 0
    if unit in UNITS:
        return UNITS[unit]
    if unit == "m":
        raise ValueError("«M» bisa dibaca miliar atau million (juta). Tulis satuannya lengkap: juta atau miliar.")
    raise ValueError(f"Satuan «{unit}» tidak dikenal. Pakai ribu (rb), juta (jt), miliar atau triliun.")


def _whole_and_fraction(number, unit, typed):
    """The number split at its decimal comma, once its dots and commas can be read only one way."""
    if number.count(",") > 1 or ENGLISH_COMMA.search(number):
        raise ValueError(_english_comma_advice(number, unit, typed))
    whole, comma, fraction = number.partition(",")
    if comma and (not fraction or "." in fraction):
        raise ValueError(f"«{typed}» tidak terbaca sebagai rupiah. Tulis {EXAMPLES}.")
    if not GROUPED.fullmatch(whole):
        if unit and not comma and whole.count(".") == 1:
            raise ValueError(f"Pakai koma untuk desimal: tulis {whole.replace('.', ',')} {unit}, bukan {whole} {unit}.")
        raise ValueError(
            f"«{typed}» tidak jelas: titik memisahkan ribuan, jadi setiap titik harus diikuti tepat tiga angka "
            "(3.000.000)."
        )
    if not unit and (fraction.strip("0") or len(fraction) > 2):
        raise ValueError(f"Rupiah ditulis utuh, tanpa sen: «{typed}» tidak bisa disimpan.")
    return whole, fraction


def _english_comma_advice(number, unit, typed):
    dotted = number.replace(",", ".")
    if not unit and GROUPED.fullmatch(dotted):
        return f"«{typed}» memakai koma sebagai pemisah ribuan (gaya Inggris). Di sini ribuan dipisah titik: {dotted}."
    return (
        f"«{typed}» bisa dibaca dua cara: koma yang diikuti tiga angka tampak seperti ribuan gaya Inggris. "
        "Untuk desimal tulis satu atau dua angka (1,5 juta), atau tulis angkanya lengkap dengan titik (1.500.000)."
    )


# A spreadsheet runs a cell that starts with one of these as a formula, whoever wrote the text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value):
    """The value as a CSV cell a spreadsheet shows as written: text that would start a formula gets a
    leading apostrophe (OWASP's advice on CSV injection), numbers stay numbers, None is an empty cell."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


def csv_response(filename, columns, rows):
    """A CSV download: a header of `columns`, then those columns of each row (a dict per row)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # lets spreadsheet programs read the file as UTF-8
    writer = csv.writer(response)
    writer.writerow(columns)
    writer.writerows([spreadsheet_cell(row[column]) for column in columns] for row in rows)
    return response
