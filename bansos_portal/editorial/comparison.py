"""A proposal beside the live item it would change: own fields word by word, the rows edited inside the
form (benefit components, budget figures, sources) matched row by row, links to other items as lists."""

from collections import defaultdict
from typing import NamedTuple

from django.db.models.fields.reverse_related import ForeignObjectRel
from django.utils.html import escape
from django.utils.safestring import mark_safe

from bansos_portal.editorial.revisions import diff_row, display, related_histories
from bansos_portal.formatting import rupiah

# What a proposal never carries to the live item: its address, its publication, its review dates and
# what replaces it once archived (set on the live item's own form).
KEPT_ON_LIVE = {"id", "slug", "status", "published_at", "unpublish_at", "created_at", "updated_at"}
KEPT_ON_LIVE |= {"proposal_for", "last_reviewed_at", "review_due", "successor"}

# How a row of the live item is found again in the proposal: a benefit component by its name and year,
# a budget figure by its year and kind, a source by its address. Other rows are matched by every column.
ROW_KEYS = {
    "programs.benefitcomponent": ("name", "year"),
    "programs.budget": ("year", "label"),
    "programs.programsource": ("url",),
    "faq.clarificationsource": ("url",),
}
ADDED, REMOVED, CHANGED = "baru", "dihapus", "berubah"


def content_fields(model):
    """The item's own fields (Markdown and its rendered HTML included) that a proposal carries."""
    return [field for field in model._meta.concrete_fields if field.name not in KEPT_ON_LIVE]


class RowKind(NamedTuple):
    """One kind of row in the item's form: its relation, the columns naming a row, and the rupiah columns."""

    relation: ForeignObjectRel
    key: tuple
    money: frozenset

    @property
    def columns(self):
        return [f for f in self.relation.related_model._meta.fields if f.name not in ("id", self.relation.field.name)]

    def rows(self, item):
        return list(getattr(item, self.relation.get_accessor_name()).all())

    def cell(self, row, field):
        value = getattr(row, field.attname)
        return rupiah(value) if field.name in self.money and value is not None else display(row, field)

    def cells(self, row):
        return [(field.verbose_name, self.cell(row, field)) for field in self.columns] if row else []

    def name(self, row):
        fields = [self.relation.related_model._meta.get_field(name) for name in self.key]
        return " · ".join(self.cell(row, field) for field in fields)

    def match_key(self, row):
        return tuple(getattr(row, name) for name in self.key) or tuple(self.cells(row))


def row_kinds(model, money=None):
    """The kinds of row of `model`'s form; `money` maps a row model to its rupiah columns."""
    money = money or {}
    return [
        RowKind(rel, ROW_KEYS.get(rel.related_model._meta.label_lower, ()), frozenset(money.get(rel.related_model, ())))
        for rel in related_histories(model)
    ]


def compare(live, proposal, kinds, *, everything=False):
    """Rows (label, state, old html, new html, changed, plain text before and after) of what the proposal
    would change on the live item; with `everything`, unchanged fields and rows too."""
    rows = [_own(field, live, proposal) for field in content_fields(type(live)) if field.editable]
    rows += [_links(field, live, proposal) for field in type(live)._meta.many_to_many]
    for kind in kinds:
        rows += [_row_change(kind, before, after) for before, after in _pairs(kind, live, proposal)]
    return rows if everything else [row for row in rows if row["changed"]]


def _own(field, live, proposal):
    before, after = display(live, field), display(proposal, field)
    return {**diff_row(field.verbose_name, before, after), "state": "", "before": before, "after": after}


def _links(field, live, proposal):
    before = "\n".join(sorted(str(item) for item in getattr(live, field.name).all()))
    after = "\n".join(sorted(str(item) for item in getattr(proposal, field.name).all()))
    return {**diff_row(field.verbose_name, before, after), "state": "", "before": before, "after": after}


def _pairs(kind, live, proposal):
    """(live row or None, proposed row or None): the proposal's rows in their order, then rows it removed."""
    waiting = defaultdict(list)
    for row in kind.rows(live):
        waiting[kind.match_key(row)].append(row)
    pairs = []
    for row in kind.rows(proposal):
        matches = waiting.get(kind.match_key(row))
        pairs.append((matches.pop(0) if matches else None, row))
    return pairs + [(row, None) for rows in waiting.values() for row in rows]


def _row_change(kind, before, after):
    old, new = kind.cells(before), kind.cells(after)
    state = ADDED if before is None else REMOVED if after is None else CHANGED if old != new else ""
    label = kind.relation.related_model._meta.verbose_name
    name = kind.name(after or before)
    return {
        "label": f"{label}: {name}" if name else label,
        "state": state,
        "old": _cells_html(old, new, "del"),
        "new": _cells_html(new, old, "ins"),
        "changed": bool(state),
        "before": _cells_text(old),
        "after": _cells_text(new),
    }


def _cells_html(cells, other, tag):
    """One 'column: value' line per filled column, a value that differs from the other side marked."""
    theirs = dict(other)
    lines = []
    for label, value in cells:
        if value:
            shown = escape(value) if theirs.get(label) == value else f"<{tag}>{escape(value)}</{tag}>"
            lines.append(f"{escape(label)}: {shown}")
    return mark_safe("<br>".join(lines) or "—")


def _cells_text(cells):
    return " · ".join(value for _, value in cells if value)
