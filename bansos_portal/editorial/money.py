"""Money in the admin: a text input that reads rupiah the way Indonesians write them ("3.000.000",
"Rp3 juta", "1,5 miliar"), shows the stored amount with dots so an unchanged form saves it unchanged,
and asks once more before saving an amount that looks like a typing slip.

The second ask works without JavaScript and inside an admin inline row: the input carries the amount
stored when the form was opened (a hidden `<name>_was`), and after a doubtful save the row shows a
checkbox `<name>_confirm` whose value is the doubted amount. A save goes through when that box is
ticked for exactly the amount now typed; change the amount and it is doubted afresh."""

from typing import NamedTuple

from django import forms
from django.core.exceptions import ValidationError

from bansos_portal.formatting import EXAMPLES, parse_rupiah, rupiah, thousands

# A benefit component below this is almost surely a slip: "3.000000" read as Rp 3 went live once.
SMALLEST_BENEFIT = 10_000
MAX_CHANGE = 10
CONFIRM_LABEL = "Saya yakin besarannya benar"


class Typed(NamedTuple):
    """What the editor typed, the amount stored when the form was opened, and the amount they confirmed."""

    text: object
    was: int | None = None
    confirmed: int | None = None


def doubt(amount, *, was, minimum):
    """Why `amount` looks like a typing slip, or None. An amount left as it was stored raises no doubt."""
    if amount is None or amount == was:
        return None
    if amount < minimum:
        return f"{rupiah(amount)} kecil sekali untuk besaran ini (di bawah {rupiah(minimum)})."
    if was and (amount > was * MAX_CHANGE or amount * MAX_CHANGE < was):
        return f"{rupiah(amount)} berubah lebih dari {MAX_CHANGE} kali dari yang tersimpan ({rupiah(was)})."
    return None


def _typed(value):
    if isinstance(value, Typed):
        return value
    if isinstance(value, int):
        return Typed(thousands(value), was=value)
    return Typed(value)


def _whole_number(text):
    """A hidden input's amount; anything else (tampered, missing) counts as no amount."""
    return int(text) if isinstance(text, str) and text.isascii() and text.isdigit() and len(text) <= 15 else None


def _amount_or_none(text):
    try:
        return parse_rupiah(text) if text else None
    except ValueError:
        return None


class RupiahInput(forms.TextInput):
    # In an app folder: the default form renderer looks there, not in the project templates.
    template_name = "editorial/rupiah_input.html"
    minimum = 0

    class Media:
        js = ["js/admin_rupiah.js"]
        css = {"all": ["css/admin_editorial.css"]}

    def __init__(self, attrs=None):
        # Not type=number: Chromium turns a typed "3.000.000" into "3.000000" before the server sees it.
        super().__init__(attrs={"class": "rupiah-input", "autocomplete": "off", "spellcheck": "false", **(attrs or {})})

    def value_from_datadict(self, data, files, name):
        return Typed(data.get(name), _whole_number(data.get(f"{name}_was")), _whole_number(data.get(f"{name}_confirm")))

    def get_context(self, name, value, attrs):
        typed = _typed(value)
        context = super().get_context(name, typed.text, attrs)
        amount = _amount_or_none(typed.text)
        doubted = doubt(amount, was=typed.was, minimum=self.minimum) is not None
        context["widget"].update(
            was=typed.was,
            confirm=amount if doubted else None,
            confirmed=doubted and typed.confirmed == amount,
            confirm_label=CONFIRM_LABEL,
        )
        # The script warns as the editor types, by the same rule, and writes amounts as the site does.
        context["widget"]["attrs"].update(
            {"data-minimum": self.minimum, "data-was": typed.was or "", "data-prefix": rupiah(0).removesuffix("0")}
        )
        return context


class RupiahField(forms.Field):
    """Whole rupiah typed as text; `minimum` is the smallest amount saved without a second ask."""

    widget = RupiahInput
    default_error_messages = {"required": f"Isi besarannya dalam rupiah, {EXAMPLES}."}

    def __init__(self, *, minimum=0, min_value=None, max_value=None, **kwargs):
        # BigIntegerField.formfield() passes the column's range; parse_rupiah's (0 to 15 digits) is narrower.
        super().__init__(**kwargs)
        self.minimum = minimum
        self.widget.minimum = minimum

    def to_python(self, value):
        text = _typed(value).text
        text = text.strip() if isinstance(text, str) else text
        if text in self.empty_values:
            return None
        try:
            return parse_rupiah(text)
        except ValueError as error:
            raise ValidationError(str(error), code="invalid") from None

    def clean(self, value):
        amount = super().clean(value)
        typed = _typed(value)
        reason = doubt(amount, was=typed.was, minimum=self.minimum)
        if reason and typed.confirmed != amount:
            raise ValidationError(f"{reason} Yakin? Centang «{CONFIRM_LABEL}» lalu simpan lagi.", code="doubtful")
        return amount

    def has_changed(self, initial, data):
        if self.disabled:
            return False
        try:
            return self.to_python(data) != initial
        except ValidationError:
            return True


class RupiahAdmin:
    """Admin (or inline) mixin: the columns in `rupiah_fields`, a dict of name -> smallest amount saved
    without a second ask, are typed as rupiah text."""

    rupiah_fields = {}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in self.rupiah_fields:
            minimum = self.rupiah_fields[db_field.name]
            return db_field.formfield(**{**kwargs, "form_class": RupiahField, "minimum": minimum})
        return super().formfield_for_dbfield(db_field, request, **kwargs)
