"""The "figures" list of the content file (import_content / export_content): every figure with its value
or where the value comes from (a program's component or budget row, or a formula over other figures),
its unit, period, kind, source and check. Citations need nothing of their own: they are text.

A figure's pending proposal is working state of the admin and is not carried, as for other content."""

from decimal import Decimal, InvalidOperation

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.dateparse import parse_date

from programs.models import BenefitComponent, Budget

from .models import Figure, FigureOperand

PLAIN_FIELDS = ["label", "unit", "per", "kind", "formula", "source_title", "source_url", "budget_field"]
DATE_FIELDS = ["starts_on", "ends_on", "verified_at"]


class FigureFileError(ValueError):
    """A figure entry the portal cannot store; the message says where and why, in Indonesian."""


# Export ----------------------------------------------------------------------------------------


def _number(value):
    return int(value) if value == value.to_integral_value() else str(value.normalize())


def figure_entry(figure):
    entry = {"name": figure.name, **{field: getattr(figure, field) for field in PLAIN_FIELDS if getattr(figure, field)}}
    if figure.value is not None:
        entry["value"] = _number(figure.value)
    if figure.year:
        entry["year"] = figure.year
    entry.update({field: getattr(figure, field).isoformat() for field in DATE_FIELDS if getattr(figure, field)})
    if figure.verified_by_id:
        entry["verified_by"] = figure.verified_by.get_username()
    if figure.component_id:
        component = figure.component
        entry["component"] = {"program": component.program.slug, "name": component.name, "year": component.year}
    if figure.budget_id:
        budget = figure.budget
        owner = budget.program.slug if budget.program_id else None
        # The allocation tells apart two rows of the same year and kind (two reported figures).
        entry["budget"] = {
            "program": owner,
            "year": budget.year,
            "label": budget.label,
            "allocation": budget.allocation,
        }
    if figure.formula:
        entry["operands"] = [operand.name for operand in figure.operands()]
    entry["is_published"] = figure.is_published
    return entry


def export_figures():
    figures = Figure.objects.select_related("verified_by", "component__program", "budget__program")
    return [figure_entry(figure) for figure in figures.prefetch_related("operand_rows__operand").order_by("name")]


# Import ----------------------------------------------------------------------------------------


def import_figures(items):
    """Create or update the figures of the file's list, by name; derived figures after their operands."""
    if not isinstance(items, list):
        raise FigureFileError('"figures" harus berupa daftar (JSON array).')
    saved = [_figure(item, f"figures[{i}]") for i, item in enumerate(items)]
    for figure, item, where in saved:
        _operands(figure, item, where)
    return [figure for figure, _, _ in saved]


def _figure(item, where):
    if not isinstance(item, dict) or not isinstance(item.get("name"), str):
        raise FigureFileError(f'{where}: harus berupa objek JSON dengan "name".')
    where = f'{where} (name "{item["name"]}")'
    link = _link(item, where)
    # The name is the figure's identity in the file: a figure the row's save linked under another name
    # lets go of the row, and an entry further down the file (by that name) takes it back if it should.
    figure = Figure.objects.filter(name=item["name"]).first() or Figure(name=item["name"])
    if link:
        Figure.objects.filter(**link).exclude(pk=figure.pk).update(component=None, budget=None)
    figure.name = item["name"]
    for field in PLAIN_FIELDS:
        setattr(figure, field, _text(item, field, where))
    figure.component, figure.budget = link.get("component"), link.get("budget")
    figure.value = _decimal(item.get("value"), where)
    figure.year = _whole(item.get("year"), where)
    for field in DATE_FIELDS:
        setattr(figure, field, _date(item.get(field), f"{where}: {field}"))
    figure.verified_by = get_user_model().objects.filter(username=item.get("verified_by") or "").first()
    figure.is_published = item.get("is_published") is True
    try:
        figure.full_clean()
    except ValidationError as error:
        raise FigureFileError(f"{where}: {' '.join(error.messages)}") from None
    figure.save()
    return figure, item, where


def _text(item, field, where):
    value = item.get(field) or ""
    if not isinstance(value, str):
        raise FigureFileError(f"{where}: {field} harus berupa teks.")
    return value


def _decimal(value, where):
    if value is None:
        return None
    try:
        if isinstance(value, bool):
            raise InvalidOperation
        number = Decimal(str(value))
    except InvalidOperation:
        raise FigureFileError(f"{where}: value harus berupa angka, bukan {value!r}.") from None
    if not number.is_finite():
        raise FigureFileError(f"{where}: value harus berupa angka yang terhingga.")
    return number


def _whole(value, where):
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise FigureFileError(f"{where}: year harus bilangan bulat.")
    return value


def _date(value, where):
    if not value:
        return None
    try:
        parsed = parse_date(str(value))
    except ValueError:
        parsed = None
    if parsed is None:
        raise FigureFileError(f'{where} "{value}" bukan tanggal YYYY-MM-DD yang ada.')
    return parsed


def _link(item, where):
    """{"component": row} or {"budget": row, "budget_field": …} for an entry that reads a program row."""
    if isinstance(item.get("component"), dict):
        spec = item["component"]
        live = BenefitComponent.objects.filter(program__proposal_for__isnull=True)
        component = live.filter(program__slug=spec.get("program"), name=spec.get("name"), year=spec.get("year")).first()
        if component is None:
            raise FigureFileError(f"{where}: komponen manfaat {spec} tidak ditemukan.")
        return {"component": component}
    if isinstance(item.get("budget"), dict):
        spec = item["budget"]
        owner = {"program__slug": spec.get("program"), "program__proposal_for__isnull": True}
        budgets = Budget.objects.filter(**(owner if spec.get("program") else {"program__isnull": True}))
        rows = list(budgets.filter(year=spec.get("year"), label=spec.get("label")).order_by("id"))
        budget = next((row for row in rows if row.allocation == spec.get("allocation")), rows[0] if rows else None)
        if budget is None:
            raise FigureFileError(f"{where}: anggaran {spec} tidak ditemukan.")
        return {"budget": budget, "budget_field": item.get("budget_field") or "allocation"}
    return {}


def _operands(figure, item, where):
    names = item.get("operands") or []
    if not isinstance(names, list):
        raise FigureFileError(f"{where}: operands harus berupa daftar nama angka.")
    found = Figure.objects.in_bulk([str(name) for name in names], field_name="name")
    missing = [name for name in names if name not in found]
    if missing:
        raise FigureFileError(f"{where}: angka asal tidak ditemukan: {', '.join(map(str, missing))}.")
    figure.operand_rows.all().delete()
    for position, name in enumerate(names):
        FigureOperand.objects.create(figure=figure, operand=found[name], position=position)
