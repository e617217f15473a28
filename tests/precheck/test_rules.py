"""The evaluation: amounts come from the components, the cap holds, and more members never mean less."""

from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bansos_portal.precheck.models import ProgramRule
from bansos_portal.precheck.rules import FAMILY, MEMBER_KEYS, Answers, annual_amount, evaluate


def expected_yearly(rule, components, answers, year):
    """The sum written out: each counted member's component, the largest up to the cap, plus per-family ones."""

    def find(names):
        names = names if isinstance(names, list) else [names]
        return next((c for n in names for c in components if c.year == year and c.name == n), None)

    units, family = [], 0
    for key, names in rule.member_components.items():
        component = find(names)
        if component is None:
            continue
        if key == FAMILY:
            family += annual_amount(component, rule.stages_per_year)
        else:
            units += [annual_amount(component, rule.stages_per_year)] * answers.household.get(key, 0)
    units = sorted(units, reverse=True)[: rule.max_counted_members or None]
    return family + sum(units) if (units or family) else None


BIG_FAMILY = Answers(household=dict.fromkeys(MEMBER_KEYS, 2), dtsen="ya", decile=1, uninhabitable_house=True)


def test_amounts_equal_the_sum_of_components_under_the_cap_for_every_year_with_components(demo_rules):
    checked = 0
    for rule in ProgramRule.objects.for_precheck():
        components = rule.components()
        for year in sorted({component.year for component in components}):
            answers = Answers(**{**vars(BIG_FAMILY), "year": year})

            result = evaluate(rule, components, answers)

            assert result.amount_per_year == expected_yearly(rule, components, answers, year), (rule.slug, year)
            checked += 1
    assert checked > 20


def test_pkh_counts_at_most_four_members(demo_rules):
    rule = ProgramRule.objects.for_precheck().get(slug="pkh")

    result = evaluate(rule, rule.components(), Answers(household={"anak_sd": 6}, dtsen="ya", decile=1))

    assert result.amount_per_year == 4 * 900_000
    assert "Dihitung paling banyak 4 anggota per keluarga, yang terbesar besarannya." in result.reasons


def _component(name, amount, period, year=2025):
    return SimpleNamespace(name=name, amount=amount, period=period, year=year)


def _rule(cap):
    program = SimpleNamespace(slug="x", short_name="X", get_absolute_url=lambda: "/program/x/")
    return SimpleNamespace(
        program=program,
        member_components={key: key for key in MEMBER_KEYS} | {FAMILY: "keluarga"},
        requires_member=True,
        dtsen_required=True,
        min_decile=1,
        max_decile=4,
        requires_uninhabitable_house=False,
        needs_assessment=False,
        max_counted_members=cap,
        year=None,
        payment_period="stage",
        stages_per_year=4,
        check_url="",
        check_label="",
        documents="",
    )


COMPONENTS = [
    _component(key, amount, period)
    for key, amount, period in zip(
        [*MEMBER_KEYS, FAMILY],
        [3_000_000, 250_000, 900_000, 125_000, 500_000, 2_400_000, 600_000, 200_000],
        ["year", "month", "year", "month", "stage", "year", "stage", "month"],
        strict=True,
    )
]
households = st.fixed_dictionaries({key: st.integers(0, 19) for key in MEMBER_KEYS})


@settings(max_examples=200, deadline=None)
@given(
    household=households,
    added=st.sampled_from(MEMBER_KEYS),
    cap=st.one_of(st.none(), st.integers(1, 6)),
    dtsen=st.sampled_from(["ya", "tidak", "tidak-tahu"]),
    decile=st.one_of(st.none(), st.integers(1, 10)),
)
def test_adding_a_household_member_never_lowers_an_amount(household, added, cap, dtsen, decile):
    rule = _rule(cap)
    before = Answers(household=household, dtsen=dtsen, decile=decile)
    after = Answers(household={**household, added: household[added] + 1}, dtsen=dtsen, decile=decile)

    amount_before = evaluate(rule, COMPONENTS, before).amount_per_year or 0
    amount_after = evaluate(rule, COMPONENTS, after).amount_per_year or 0

    assert amount_after >= amount_before


@pytest.mark.parametrize(
    "data",
    [[], {"household": {"anak_sd": True}}, {"desil": 0}, {"tahun": "2025"}, {"nik": "1"}],
)
def test_invalid_answers_are_refused_by_name(data):
    from bansos_portal.precheck.rules import InvalidAnswers

    with pytest.raises(InvalidAnswers):
        Answers.from_data(data)
