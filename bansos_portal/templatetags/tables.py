"""Rows of the benefit and budget tables, written in Python: the PKH page alone shows some sixty of them,
and each value through the template engine costs a variable lookup, a filter and an escape. The markup
is the one the tables had as templates; every value is escaped (format_html, or `_escape` for the
benefit rows, the most numerous)."""

import html

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from bansos_portal.formatting import rupiah, rupiah_short, short_number

register = template.Library()

NONE = "–"


@register.simple_tag
def component_rows(components):
    """<tr>s of one year's benefit components (BenefitComponent table_rows() dicts)."""
    return mark_safe("\n".join(_component_row(row) for row in components))


def _component_row(row):
    note = f'<br><span class="meta">{_escape(row["note"])}</span>' if row["note"] else ""
    return (
        f'<tr><th scope="row">{_escape(row["name"])}{note}</th>'
        f'<td class="num" data-label="Besaran">{_escape(rupiah(row["amount"]))}</td>'
        f'<td data-label="Periode">{_escape(row["period_label"])}</td></tr>'
    )


def _escape(value):
    # What Django's escape() does (html.escape of the text, quotes included), without its lazy-string
    # wrapper: a row's values are plain text read from the database, never marked safe.
    return html.escape(str(value))


@register.simple_tag
def budget_rows(budgets, show_program=False):
    """<tr>s of budget rows; with show_program, a column naming and linking each row's program."""
    return mark_safe("\n".join(_budget_row(budget, show_program) for budget in budgets))


def _budget_row(budget, show_program):
    program = (
        format_html(
            '<td data-label="Program"><a href="{}">{}</a></td>',
            budget.program.get_absolute_url(),
            budget.program.short_name,
        )
        if show_program
        else ""
    )
    if budget.source_url:
        source = format_html('<a href="{}" rel="noopener">{}</a>', budget.source_url, budget.source or "Sumber")
    else:
        source = budget.source or "Sumber belum dicantumkan"
    return format_html(
        '<tr><th scope="row">{}</th>{}<td data-label="Jenis angka">{}</td>'
        '<td class="num" data-label="Anggaran"><span title="{}">{}</span></td>'
        '<td class="num" data-label="Realisasi">{}</td><td class="num" data-label="Penerima">{}</td>'
        '<td data-label="Sumber">{}</td></tr>',
        budget.year,
        program,
        budget.get_label_display(),
        rupiah(budget.allocation),
        rupiah_short(budget.allocation),
        NONE if budget.realisation is None else rupiah_short(budget.realisation),
        NONE if budget.beneficiaries is None else short_number(budget.beneficiaries),
        source,
    )
