"""Benefit components and budget figures are figures too: each number of such a row has a Figure that reads
its value from the row and adds what the row lacks (a stable name to cite, a source, who checked it).

The name comes from the program, the row and the year ("pkh-ibu-hamil-2025", "kemensos-pagu-2019"). A row
saved again under a new id (a published proposal replaces a program's rows) finds its figure by that name,
so citations keep working. A figure made here is not in force until a Penyunting checks and publishes it."""

import re

from django.utils.text import slugify

from .models import BudgetField, Figure, Kind, Unit

NAME_LENGTH = Figure._meta.get_field("name").max_length
MINISTRY = "kemensos"
# Budget.label -> Figure.kind; any other description is a figure someone reported.
BUDGET_KINDS = {
    "rapbn": Kind.DRAFT,
    "pagu": Kind.CEILING,
    "pagu-revisi": Kind.REVISED_CEILING,
    "realisasi": Kind.REALISATION,
    "laporan": Kind.REPORTED,
}


def name_from(*parts):
    """A citable name from words: "Ibu hamil/nifas" reads as two words, not "hamilnifas"."""
    return slugify(re.sub(r"[^\w\s-]", " ", " ".join(str(part) for part in parts)))[:NAME_LENGTH]


def component_name(component):
    return name_from(component.program.slug, component.name, component.year)


def budget_kind(budget):
    return BUDGET_KINDS.get(budget.label, Kind.REPORTED)


def allocation_kind(budget):
    """What a row's allocation is. A "realisasi" row that also holds the money spent keeps the final ceiling
    beside it (2020: ceiling Rp134,17 T, spent Rp130,3 T), so its allocation is a revised ceiling; only a
    "realisasi" row without that second number holds the realisation in its allocation."""
    kind = budget_kind(budget)
    return Kind.REVISED_CEILING if kind == Kind.REALISATION and budget.realisation is not None else kind


def budget_names(budget):
    """{budget field: the name of its figure} for the numbers the row holds."""
    owner = budget.program.slug if budget.program_id else MINISTRY
    words = {
        BudgetField.ALLOCATION: allocation_kind(budget),
        BudgetField.REALISATION: Kind.REALISATION,
        BudgetField.BENEFICIARIES: "penerima",
    }
    return {
        field: name_from(owner, word, budget.year)
        for field, word in words.items()
        if getattr(budget, field) is not None
    }


def _free_name(name):
    """`name`, or name-2, name-3… when another figure already has it."""
    candidate, number = name, 1
    while Figure.objects.filter(name=candidate).exists():
        number += 1
        suffix = f"-{number}"
        candidate = name[: NAME_LENGTH - len(suffix)] + suffix
    return candidate


def _orphans(name):
    """Unlinked figures that once read a row of this name (name, name-2, …), the plain name first."""
    unlinked = Figure.objects.filter(component__isnull=True, budget__isnull=True, formula="", value=None)
    # The prefix in the database, the exact form here: SQLite has no regular expressions of its own and
    # would call back into Python for every unlinked figure, on every row saved.
    same = re.compile(rf"{re.escape(name)}(-[0-9]+)?")
    candidates = [figure for figure in unlinked.filter(name__startswith=name) if same.fullmatch(figure.name)]
    return sorted(candidates, key=lambda figure: (len(figure.name), figure.name))


def _adopt_or_create(name, link, defaults):
    """The figure linked to the row, else an unlinked figure of its name (the row's earlier copy), else new."""
    figure = Figure.objects.filter(**link).first()
    if figure:
        return figure
    orphans = _orphans(name)
    if orphans:
        figure = orphans[0]
        for field, value in link.items():
            setattr(figure, field, value)
        figure.save()
        return figure
    return Figure.objects.create(name=_free_name(name), **link, **defaults)


def ensure_component_figure(component):
    program = component.program
    label = f"{program.short_name}: {component.name}"
    defaults = {"label": label[:200], "unit": Unit.RUPIAH, "per": component.period, "year": component.year}
    return _adopt_or_create(component_name(component), {"component": component}, defaults)


def ensure_budget_figures(budget):
    owner = budget.program.short_name if budget.program_id else "Kementerian Sosial"
    figures = []
    for field, name in budget_names(budget).items():
        is_count = field == BudgetField.BENEFICIARIES
        defaults = {
            "label": f"{owner}: {'penerima' if is_count else 'anggaran'} {budget.year}",
            "unit": Unit.KPM if is_count else Unit.RUPIAH,
            "kind": Kind.REALISATION if field == BudgetField.REALISATION else allocation_kind(budget),
            "year": budget.year,
            "source_title": budget.source,
            "source_url": budget.source_url,
        }
        link = {"budget": budget, "budget_field": field}
        figures.append(_adopt_or_create(name, link, defaults))
    return figures


def is_draft_copy(program):
    """A proposal's hidden copy of a program: its rows are not the program's, and get no figures."""
    return program is not None and program.proposal_for_id is not None
