"""Revisions kept by django-simple-history: what changed between two, and restoring one."""

import difflib
import re
from datetime import date, datetime, timedelta

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import mark_safe

from bansos_portal.formatting import rupiah

# Publication fields stay as they are on restore: restoring text must never publish or unpublish.
NOT_RESTORED = {"id", "status", "published_at", "unpublish_at", "created_at", "updated_at"}
NOT_RESTORED |= {"last_reviewed_at", "review_due"}
# Which live item a proposal would change is fixed when the proposal is made.
NOT_COMPARED = {"id", "created_at", "updated_at", "proposal_for"}


def tracked_fields(record):
    """The content fields a historical record holds, in model order."""
    return [
        field
        for field in record.instance_type._meta.fields
        if field.name in {f.name for f in record._meta.fields} and field.name not in NOT_COMPARED
    ]


def display(record, field):
    value = getattr(record, field.attname)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, str):
        return value.replace("\r\n", "\n")
    if isinstance(value, datetime):
        # Whole minutes, as editors set them; a form's dropped microseconds are no change.
        return date_format(timezone.localtime(value), "j F Y H.i")
    if isinstance(value, date):
        return date_format(value, "j F Y")
    if field.is_relation and value is not None:
        related = getattr(record, field.name, None)
        return str(related) if related is not None else str(value)
    if value is not None and "rupiah" in str(field.verbose_name):
        return rupiah(value)  # amounts read as Humas write them, not as bare digits
    return "" if value is None else str(value)


def word_diff(old, new):
    """Old and new text as HTML, removed words in <del>, added words in <ins>."""
    a, b = re.split(r"(\s+)", old), re.split(r"(\s+)", new)
    left, right = [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        before, after = escape("".join(a[i1:i2])), escape("".join(b[j1:j2]))
        if op == "equal":
            left.append(before)
            right.append(after)
        else:
            if before:
                left.append(f"<del>{before}</del>")
            if after:
                right.append(f"<ins>{after}</ins>")
    return mark_safe("".join(left)), mark_safe("".join(right))


def compare(old, new):
    """Rows (label, old html, new html, changed) for every content field of two revisions."""
    rows = []
    for field in tracked_fields(new):
        rows.append(diff_row(field.verbose_name, display(old, field), display(new, field)))
    return rows


def diff_row(label, before, after):
    changed = before != after
    left, right = word_diff(before, after) if changed else (escape(before), escape(after))
    return {"label": label, "old": left, "new": right, "changed": changed}


def related_histories(model):
    """Rows edited inside the item's form (components, budgets, sources) that keep their own history;
    not other items of the same model (those it succeeds, or its proposal)."""
    return [
        rel
        for rel in model._meta.related_objects
        if rel.one_to_many and rel.related_model is not model and hasattr(rel.related_model, "history")
    ]


def snapshot_time(record):
    """Rows of the item's form are saved just after the item, so a revision covers them until the next one."""
    following = record.next_record
    return following.history_date - timedelta(microseconds=1) if following else timezone.now()


def related_text(record, rel):
    model = rel.related_model
    fields = [field for field in model._meta.fields if field.name not in ("id", rel.field.name)]
    rows = model.history.as_of(snapshot_time(record)).filter(**{rel.field.attname: record.id})
    return "\n".join(" · ".join(value for field in fields if (value := display(row, field))) for row in rows)


def compare_related(old, new):
    """Rows like `compare()` for each kind of sub-row, e.g. benefit amounts, as they stood at each revision."""
    rows = []
    for rel in related_histories(new.instance_type):
        label = rel.related_model._meta.verbose_name_plural
        rows.append(diff_row(label, related_text(old, rel), related_text(new, rel)))
    return rows


def changes_since(obj, token):
    """What others changed after the version an editor loaded: (who, when, [(label, old, new)])."""
    history = obj.history.order_by("-history_date", "-history_id")
    latest = history.first()
    base = history.filter(updated_at__lte=token).first()
    if latest is None:
        return None
    changes = []
    if base is not None and base.pk != latest.pk:
        delta = latest.diff_against(base, excluded_fields=NOT_COMPARED)
        for change in delta.changes:
            if _same_text(change.old, change.new):
                continue
            field = obj._meta.get_field(change.field)
            changes.append((field.verbose_name, _short(change.old), _short(change.new)))
    if base is not None:
        for rel in related_histories(type(obj)):
            before, after = related_text(base, rel), related_text(latest, rel)
            if before != after:
                changes.append((rel.related_model._meta.verbose_name_plural, _short(before), _short(after)))
    return latest.history_user, latest.history_date, changes


def _same_text(old, new):
    """Line endings alone are not a change anyone made on purpose."""
    return isinstance(old, str) and isinstance(new, str) and old.replace("\r\n", "\n") == new.replace("\r\n", "\n")


def _short(value, limit=160):
    text = "" if value is None else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def when(record):
    """A revision's moment as editors read it: Jakarta time, whole minutes."""
    return date_format(timezone.localtime(record.history_date), "j F Y H.i") + " WIB"


def restorable_fields(record, keep=()):
    return [field for field in tracked_fields(record) if field.name not in NOT_RESTORED and field.name not in keep]


def restore(obj, record, *, user, keep=(), rows=()):
    """Copy a revision's content onto the item (but not the fields in `keep`), and the rows of the kinds in
    `rows` (relations from `related_histories`) as they stood at that revision: the restore is one new
    revision of the item, its rows saved just after it."""
    for field in restorable_fields(record, keep):
        setattr(obj, field.attname, getattr(record, field.attname))
    obj._change_reason = f"Memulihkan revisi {when(record)}"
    obj._history_user = user
    obj.save()
    for rel in rows:
        _restore_rows(obj, record, rel)
    return obj


def _restore_rows(obj, record, rel):
    """The item's rows of one kind replaced by those of the revision (taken from the revision's own item, so
    a proposal can receive the rows its live item had)."""
    model = rel.related_model
    fields = [field for field in model._meta.concrete_fields if field.name not in ("id", rel.field.name)]
    old_rows = list(model.history.as_of(snapshot_time(record)).filter(**{rel.field.attname: record.id}))
    for row in getattr(obj, rel.get_accessor_name()).all():
        row.delete()
    for old in old_rows:
        row = model(**{field.attname: getattr(old, field.attname) for field in fields})
        setattr(row, rel.field.name, obj)
        row.save()


def restore_changes(current, record, *, keep=(), rows=()):
    """What restoring `record` would change on the item whose latest revision is `current`: rows like
    `compare()`, only those that differ."""
    names = {field.name for field in restorable_fields(record, keep)}
    changes = [
        diff_row(field.verbose_name, display(current, field), display(record, field))
        for field in tracked_fields(record)
        if field.name in names
    ]
    for rel in rows:
        label = rel.related_model._meta.verbose_name_plural
        changes.append(diff_row(label, related_text(current, rel), related_text(record, rel)))
    return [change for change in changes if change["changed"]]
