"""`[[angka:name]]` in any Markdown field: found here, and turned into the figure as every page shows it
(the one number format, its period, a link to its source) before the Markdown is rendered.

`expand` is registered in settings.RICH_TEXT_EXPANDERS, so bansos_portal.rich_text applies it to every
field it renders (and to the admin's live preview) without knowing figures exist."""

import logging
import re
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Decimal

from bansos_portal.formatting import decimal_id, rupiah, rupiah_short, short_number, thousands

from .models import KIND_IN_TEXT, Figure, Formula, Unit

logger = logging.getLogger(__name__)

CITATION = re.compile(r"\[\[angka:(?P<name>[a-z0-9-]+)\]\]")
# Below this a rupiah amount keeps every digit (Rp2.400.000); above, it reads in words (Rp58,9 triliun).
SHORT_FROM = 10**9
SIGNED_FORMULAS = {Formula.DIFFERENCE, Formula.PERCENT_CHANGE}
# Unknown names cited while an import is under way (None: warn at once). A file's figures are saved after
# the items citing them, so a name unknown mid-import is worth a warning only if it is unknown at the end.
_unknown_names = ContextVar("figures_unknown_citations", default=None)


def cited_names(text):
    """The figure names `text` cites, each once, in the order they first appear."""
    return list(dict.fromkeys(match["name"] for match in CITATION.finditer(text or "")))


def citation(name):
    """What Humas type to cite the figure named `name`."""
    return f"[[angka:{name}]]"


def format_value(figure, value):
    """The number in its unit, in the one Indonesian format: Rp3.000.000, Rp58,9 triliun, 36%, 10 juta KPM."""
    sign = "+" if figure.formula in SIGNED_FORMULAS and value > 0 else ""
    if value < 0:
        sign, value = "−", -value
    if figure.unit == Unit.PERCENT:
        return f"{sign}{decimal_id(value, 1)}%"
    if figure.unit == Unit.RUPIAH:
        whole = int(value.to_integral_value())
        return sign + (rupiah_short(whole) if whole >= SHORT_FROM else rupiah(whole))
    if value != value.to_integral_value():
        return f"{sign}{decimal_id(value, 2)}"
    number = short_number(int(value)) if value >= 10**6 else thousands(value)
    unit = "" if figure.unit == Unit.OTHER else f" {'KPM' if figure.unit == Unit.KPM else figure.unit}"
    return f"{sign}{number}{unit}"


def display_text(figure):
    """The figure as a reader sees it, without its link: "Rp3.000.000 per tahun (2025)",
    "Rp58,9 triliun (pagu 2019)"; None when its value is not known."""
    value = figure.current_value()
    if value is None:
        return None
    text = format_value(figure, Decimal(value))
    if figure.per:
        text += f" {figure.get_per_display()}"
    kind = KIND_IN_TEXT.get(figure.kind, "")
    when = " ".join(part for part in (kind, figure.period_label()) if part)
    return f"{text} ({when})" if when else text


def marker(reason, name):
    """What a page shows in place of a figure it cannot show: visible to Humas in the preview, and found by
    the content audit, but never an error page."""
    return f"**[angka {reason}: {name}]**"


def render(figure, name=None):
    """The Markdown a citation of `figure` becomes (None: the name is unknown)."""
    if figure is None:
        return marker("tidak ditemukan", name)
    if not figure.is_published:
        return marker("belum berlaku", figure.name)
    text = display_text(figure)
    if text is None:
        return marker("belum lengkap", figure.name)
    if not figure.source_url:
        return text
    title = f"Sumber: {figure.source_title or figure.source_url}".replace("\\", "\\\\").replace('"', '\\"')
    return f'[{text}](<{figure.source_url}> "{title}")'


def expand(text):
    """`text` with every citation replaced by its figure; one query for all the figures it cites."""
    names = cited_names(text)
    if not names:
        return text
    figures = Figure.objects.for_rendering().in_bulk(names, field_name="name")
    unknown = [name for name in names if name not in figures]
    held = _unknown_names.get()
    if held is not None:
        held.update(unknown)
    elif unknown:
        logger.warning("Kutipan angka yang tidak dikenal: %s", ", ".join(unknown))
    return CITATION.sub(lambda match: render(figures.get(match["name"]), match["name"]), text)


@contextmanager
def unknown_citations_reported_at_end():
    """Inside: citations of unknown names are collected; at the end, those still unknown are warned about
    once. Nothing is reported when the block fails: its changes are rolled back anyway."""
    if _unknown_names.get() is not None:
        yield
        return
    token = _unknown_names.set(set())
    try:
        yield
        names = _unknown_names.get()
    finally:
        _unknown_names.reset(token)
    if not names:
        return
    unknown = sorted(names - set(Figure.objects.filter(name__in=names).values_list("name", flat=True)))
    if unknown:
        logger.warning("Kutipan angka yang tidak dikenal: %s", ", ".join(unknown))
