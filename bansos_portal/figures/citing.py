"""Which items cite a figure, and rendering them again when it changes.

Markdown is rendered to HTML once, at save (bansos_portal/rich_text.py), so a figure's new value reaches a
page only when the items citing it are saved again; each such save also refreshes search and starts a new
page-cache generation, like any content save."""

import operator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import reduce

from django.apps import apps
from django.db.models import Q

from bansos_portal.rich_text import MarkdownModel

from .citations import cited_names, unknown_citations_reported_at_end
from .models import Figure

# Names waiting to be rendered again, while an import defers it (None: render at once).
_pending = ContextVar("figures_pending_rerender", default=None)
# While an import defers it: the items rendered since the last figure change, current at its end as they are.
_rendered_since_change = ContextVar("figures_rendered_since_change", default=None)


def markdown_models():
    """Every model with Markdown fields, whichever app it belongs to."""
    return [model for model in apps.get_models() if issubclass(model, MarkdownModel) and model.markdown_fields]


def _any_citation(model):
    return reduce(operator.or_, [Q(**{f"{field}__contains": "[[angka:"}) for field in model.markdown_fields])


def cites(item, names):
    return any(set(cited_names(getattr(item, field))) & names for field in item.markdown_fields)


def citing_items(names):
    """The items whose Markdown cites one of `names`: one query per model with Markdown fields, for the
    items citing any figure (few), then their citations read here, so the query stays short however many
    names an import changes."""
    names = set(names)
    if not names:
        return []
    candidates = (item for model in markdown_models() for item in model._default_manager.filter(_any_citation(model)))
    return [item for item in candidates if cites(item, names)]


@contextmanager
def deferred_rerender():
    """Inside: figure changes are collected; at the end, the chains of figures computed from them are
    followed once, in their final state, and each citing item is rendered once. An import saves many
    figures, and the items citing them need only the final state; an item saved after the figures it
    cites already shows them and is left alone (one saved after the last figure change is not even
    rendered again to compare). A citation is reported as unknown only if its figure is still missing
    then."""
    if _pending.get() is not None:
        yield
        return
    with unknown_citations_reported_at_end():
        token, rendered_token = _pending.set(set()), _rendered_since_change.set([])
        try:
            yield
            names, current = _pending.get(), {_key(item) for item in _rendered_since_change.get()}
        finally:
            _pending.reset(token)
            _rendered_since_change.reset(rendered_token)
        citing = citing_items(Figure.objects.names_depending_on(names))
        _save_again([item for item in citing if _key(item) not in current and _outdated(item)])


def item_rendered(item):
    """Called as a Markdown item is saved, its HTML just rendered from the figures as they stand."""
    rendered = _rendered_since_change.get()
    if rendered is not None:
        rendered.append(item)  # the item itself: a new one has its key only once saved


def _key(item):
    return item._meta.label, item.pk


def rerender(names):
    """Render and save again every item citing one of the figures `names` or a figure computed from them;
    returns how many were saved (none yet while deferred).

    Only the Markdown fields are written (updated_at and the review dates stay: the text did not change),
    and no revision is recorded, since the revision keeps the Markdown, which is unchanged."""
    pending = _pending.get()
    if pending is not None:
        pending.update(names)
        _rendered_since_change.get().clear()  # what was rendered before may show an old value now
        return 0
    return _save_again(citing_items(Figure.objects.names_depending_on(names)))


def _outdated(item):
    return any(getattr(item, field) != html for field, html in item.rendered_html().items())


def _save_again(items):
    for item in items:
        item.skip_history_when_saving = True
        item.save(update_fields=list(item.markdown_fields))
        del item.skip_history_when_saving
    return len(items)
