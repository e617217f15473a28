"""Indonesian number and money formats: "Rp 2.400.000", "Rp 58,9 triliun"."""

from decimal import ROUND_HALF_UP, Decimal

SCALES = ((10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"))


def thousands(value):
    """12345678 -> "12.345.678"."""
    return f"{int(value):,}".replace(",", ".")


def rupiah(value):
    if value is None or value == "":
        return ""
    return f"Rp {thousands(value)}"


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
    if value is None or value == "":
        return ""
    return f"Rp {short_number(value)}"
