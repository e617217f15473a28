"""The demo example households give the results Humas expect, through the page, the API and the admin."""

import json

from django.urls import reverse

from bansos_portal.formatting import rupiah
from bansos_portal.precheck import examples
from bansos_portal.precheck.models import ProgramRule
from bansos_portal.precheck.rules import DTSEN_ANSWERS, MEMBER_KEYS, NOT_YET, VERDICT_LABELS


def test_demo_ships_at_least_thirty_examples_covering_every_program_the_cap_and_the_unknowns(demo_rules):
    covered = {slug for example in demo_rules for slug in example.expected}

    assert demo_rules.count() >= 30
    assert covered == set(ProgramRule.objects.values_list("program__slug", flat=True))
    assert any("Batas 4" in example.note for example in demo_rules)
    assert any(example.answers["desil"] is None for example in demo_rules)
    assert any(example.answers["terdaftar_dtsen"] == "tidak" for example in demo_rules)
    assert any(example.expected == {} for example in demo_rules)


def page_form(answers):
    form = {key: answers["household"].get(key, 0) for key in MEMBER_KEYS}
    form |= {"terdaftar_dtsen": answers["terdaftar_dtsen"], "desil": answers["desil"] or ""}
    form["rumah_tidak_layak_huni"] = "ya" if answers["rumah_tidak_layak_huni"] else "tidak"
    return form


def test_every_example_gives_its_expected_results_through_the_api(client, demo_rules, no_rate_limit):
    wrong = []
    for example in demo_rules:
        response = client.post(reverse("api_precheck"), json.dumps(example.answers), content_type="application/json")

        got = {p["slug"]: (p["verdict"], p["amount_per_year"]) for p in response.json()["programs"]}
        if got != examples.expected_outcomes(example, got):
            wrong.append((example.name, got))

    assert not wrong


def test_every_example_shows_its_expected_verdicts_and_amounts_on_the_page(client, demo_rules, no_rate_limit):
    # The form asks no year: it shows each program's latest amounts, as the examples without «tahun» expect.
    current = demo_rules.exclude(answers__has_key="tahun")
    names = {rule.program.slug: rule.program.short_name for rule in ProgramRule.objects.select_related("program")}
    wrong = []
    for example in current:
        page = client.post(reverse("precheck:form"), page_form(example.answers)).content.decode()

        for slug, (verdict, amount) in examples.expected_outcomes(example, names).items():
            shown = f'{names[slug]}</a>: <span class="precheck-verdict">{VERDICT_LABELS[verdict]}'
            if shown not in page or (amount is not None and f"<strong>{rupiah(amount)}</strong>" not in page):
                wrong.append((example.name, slug))

    assert current.count() >= 30
    assert not wrong


def test_every_example_matches_in_the_admin_list(admin_client, demo_rules):
    page = admin_client.get(reverse("admin:precheck_examplehousehold_changelist")).content.decode()

    assert page.count("Sesuai harapan") == demo_rules.count()
    assert "Berbeda" not in page


def test_example_with_a_wrong_expectation_is_shown_as_different_in_the_admin(admin_client, demo_rules):
    example = demo_rules.get(name="Ibu hamil, desil 2, terdaftar")
    example.expected["pkh"]["amount_per_year"] = 1
    example.save()

    page = admin_client.get(reverse("admin:precheck_examplehousehold_change", args=[example.pk])).content.decode()

    assert "pkh: diharapkan Kemungkinan besar sesuai, Rp1, hasilnya Kemungkinan besar sesuai, Rp3.000.000" in page


def test_answers_of_every_example_are_valid(demo_rules):
    for example in demo_rules:
        assert example.answers["terdaftar_dtsen"] in DTSEN_ANSWERS
        example.full_clean()


def test_unlisted_program_is_expected_to_be_not_yet_suitable(demo_rules):
    example = demo_rules.get(name="Desil 7, ibu hamil")

    assert examples.expected_outcomes(example, ["pkh"]) == {"pkh": (NOT_YET, None)}
