"""Money typed in the admin is saved as the editor meant it, or not saved: "3.000.000" is three million,
"3.000000" is refused with the reason, and an amount that looks like a slip is saved only once confirmed."""

import pytest
from django import forms
from django.urls import reverse

from bansos_portal.editorial.money import SMALLEST_BENEFIT, RupiahField
from bansos_portal.formatting import rupiah
from programs.models import Budget

from .conftest import admin_url, form_data

CONFIRM = "Centang «Saya yakin besarannya benar» lalu simpan lagi"


class ComponentForm(forms.Form):
    amount = RupiahField(minimum=SMALLEST_BENEFIT)
    realisation = RupiahField(required=False)


def test_an_amount_typed_with_dots_cleans_to_whole_rupiah():
    form = ComponentForm({"amount": "3.000.000"})

    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"amount": 3_000_000, "realisation": None}


def test_an_amount_typed_in_words_cleans_to_whole_rupiah():
    form = ComponentForm({"amount": "Rp 1,8 juta", "realisation": "58,9 triliun"})

    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"amount": 1_800_000, "realisation": 58_900_000_000_000}


def test_a_mangled_amount_is_refused_with_the_reason():
    form = ComponentForm({"amount": "3.000000"})

    assert not form.is_valid()
    assert "setiap titik harus diikuti tepat tiga angka" in form.errors["amount"][0]


def test_an_english_style_amount_is_refused_with_the_indonesian_way_to_write_it():
    form = ComponentForm({"amount": "3,000,000"})

    assert not form.is_valid()
    assert "3.000.000" in form.errors["amount"][0]


def test_a_required_amount_left_empty_asks_for_one():
    form = ComponentForm({"amount": "  "})

    assert not form.is_valid()
    assert "Isi besarannya dalam rupiah" in form.errors["amount"][0]


def test_the_input_is_text_not_a_number_field_and_brings_its_script():
    html = str(ComponentForm()["amount"])

    assert 'type="text"' in html and 'type="number"' not in html
    assert "js/admin_rupiah.js" in str(ComponentForm().media)


def test_a_stored_amount_is_shown_with_dots_and_saves_again_unchanged():
    shown = ComponentForm(initial={"amount": 3_000_000})
    html = str(shown["amount"])
    assert 'value="3.000.000"' in html and 'name="amount_was" value="3000000"' in html

    resent = ComponentForm({"amount": "3.000.000", "amount_was": "3000000"}, initial={"amount": 3_000_000})

    assert resent.is_valid(), resent.errors
    assert resent.cleaned_data["amount"] == 3_000_000
    assert not resent.has_changed()


def test_a_tiny_benefit_amount_is_saved_only_after_the_editor_ticks_that_it_is_right():
    first = ComponentForm({"amount": "3"})
    assert not first.is_valid()
    assert CONFIRM in first.errors["amount"][0] and f"{rupiah(3)} kecil sekali" in first.errors["amount"][0]
    assert 'type="checkbox" name="amount_confirm" value="3"' in str(first["amount"])

    second = ComponentForm({"amount": "3", "amount_confirm": "3"})

    assert second.is_valid(), second.errors
    assert second.cleaned_data["amount"] == 3


def test_a_tick_for_one_amount_does_not_confirm_another():
    form = ComponentForm({"amount": "5", "amount_confirm": "3"})

    assert not form.is_valid()
    assert CONFIRM in form.errors["amount"][0]


def test_a_tenfold_change_from_the_stored_amount_is_saved_only_once_confirmed():
    data = {"amount": "300.000.000", "amount_was": "3000000"}
    first = ComponentForm(data)
    assert not first.is_valid()
    assert f"lebih dari 10 kali dari yang tersimpan ({rupiah(3_000_000)})" in first.errors["amount"][0]

    second = ComponentForm({**data, "amount_confirm": "300000000"})

    assert second.is_valid(), second.errors


def test_an_amount_left_as_stored_needs_no_confirmation_even_when_small():
    form = ComponentForm({"amount": "5.000", "amount_was": "5000"})

    assert form.is_valid(), form.errors


@pytest.mark.parametrize("tampered", ["abc", "-1", "1" * 40, "３"])
def test_tampered_hidden_values_are_ignored_not_a_crash(tampered):
    form = ComponentForm({"amount": "3", "amount_was": tampered, "amount_confirm": tampered})

    assert not form.is_valid()
    assert CONFIRM in form.errors["amount"][0]


# --- In the admin, where Humas type them --------------------------------------------------------


def component_row(program, component, amount, **extra):
    return {
        "components-0-id": str(component.pk),
        "components-0-program": str(program.pk),
        "components-0-name": component.name,
        "components-0-amount": amount,
        "components-0-amount_was": str(component.amount),
        "components-0-period": component.period,
        "components-0-year": str(component.year),
        "components-0-order": "0",
        **extra,
    }


def save_component(client, program, component, amount, **extra):
    url = admin_url(program, "change")
    return client.post(url, {**form_data(client, url), **component_row(program, component, amount, **extra)})


def test_humas_type_three_million_with_dots_and_three_million_is_saved(penulis, make_item, make_component):
    program = make_item("program")
    component = make_component(program, amount=2_400_000)

    response = save_component(penulis, program, component, "3.000.000")

    assert response.status_code == 302
    component.refresh_from_db()
    assert component.amount == 3_000_000


def test_the_admin_refuses_a_mangled_amount_instead_of_saving_rp_3(penulis, make_item, make_component):
    program = make_item("program")
    component = make_component(program, amount=2_400_000)

    response = save_component(penulis, program, component, "3.000000")

    assert response.status_code == 200
    assert "setiap titik harus diikuti tepat tiga angka" in response.text
    assert 'value="3.000000"' in response.text  # what was typed stays in the box
    component.refresh_from_db()
    assert component.amount == 2_400_000


def test_the_admin_asks_once_more_before_saving_a_tiny_amount_in_an_inline_row(penulis, make_item, make_component):
    program = make_item("program")
    component = make_component(program, amount=2_400_000)

    asked = save_component(penulis, program, component, "3")
    assert asked.status_code == 200 and CONFIRM in asked.text
    assert 'name="components-0-amount_confirm" value="3"' in asked.text
    confirmed = save_component(penulis, program, component, "3", **{"components-0-amount_confirm": "3"})

    assert confirmed.status_code == 302
    component.refresh_from_db()
    assert component.amount == 3


def test_the_program_form_shows_stored_amounts_with_dots(penulis, make_item, make_component):
    program = make_item("program")
    make_component(program, amount=3_000_000)

    page = penulis.get(admin_url(program, "change"))

    assert 'name="components-0-amount" value="3.000.000"' in page.text


def test_budget_figures_are_typed_the_same_way(penyunting):
    response = penyunting.post(
        reverse("admin:programs_budget_add"),
        {"year": "2019", "label": "pagu", "allocation": "Rp 58,9 triliun", "realisation": "", "source": "APBN"},
    )

    assert response.status_code == 302
    budget = Budget.objects.get()
    assert budget.allocation == 58_900_000_000_000 and budget.realisation is None
