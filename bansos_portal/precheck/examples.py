"""Example households as tests of the rules: what each gives with the published rules, what it would give
with a proposed rule, and where that differs from what Humas expect."""

from django.db.models import prefetch_related_objects

from .models import ExampleHousehold, ProgramRule
from .rules import NOT_YET, Answers, InvalidAnswers, check


def outcomes(example, rules):
    """{program slug: (verdict, yearly amount)} of the example under these rules."""
    try:
        answers = Answers.from_data(example.answers)
    except InvalidAnswers:
        return {}
    return {result.slug: (result.verdict, result.amount_per_year) for result in check(rules, answers)}


def expected_outcomes(example, slugs):
    """What Humas wrote down; a program not named is expected to be «belum sesuai», with no amount."""
    expected = example.expected if isinstance(example.expected, dict) else {}
    found = {}
    for slug in slugs:
        entry = expected.get(slug) or {}
        found[slug] = (entry.get("verdict", NOT_YET), entry.get("amount_per_year"))
    return found


def mismatches(example, rules):
    """[(slug, expected, actual)] where the example's result under `rules` is not what Humas expect."""
    actual = outcomes(example, rules)
    slugs = sorted(set(actual) | set(example.expected or {}))
    expected = expected_outcomes(example, slugs)
    return [(slug, expected[slug], actual.get(slug)) for slug in slugs if expected[slug] != actual.get(slug)]


def with_candidate(published, candidate):
    """The published rules with `candidate` in place of its program's published rule."""
    replaced = [rule for rule in published if rule.program_id != candidate.program_id]
    return sorted([*replaced, candidate], key=lambda rule: (rule.program.order, rule.program.name))


def changed_examples(candidate):
    """[(example, before, after)] for each example whose result changes when `candidate` is published;
    before/after are {slug: (verdict, yearly amount)} of the program concerned."""
    published = list(ProgramRule.objects.for_precheck())
    # The candidate's components are read once, not once per example.
    prefetch_related_objects([candidate], "program__components")
    proposed = with_candidate(published, candidate)
    slug = candidate.program.slug
    changed = []
    for example in ExampleHousehold.objects.all():
        before = outcomes(example, published).get(slug)
        after = outcomes(example, proposed).get(slug)
        if before != after:
            changed.append((example, before, after))
    return changed
