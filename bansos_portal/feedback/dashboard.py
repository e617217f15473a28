"""«Apa yang perlu diperbaiki»: what Humas read to choose their next fix.

Per item, the votes of the last 30 days beside the 30 days before, its open comments and whether it is
past its review date, sorted by one score (see attention_score). Below: the latest comments, and the
searches that found nothing or whose results nobody opened, and the outbound links the link checker
found broken.

A Penyunting or Administrator (anyone who may publish) sees everything. A Penulis sees only the items they
wrote: those whose first revision they saved, or that they submitted for review or proposed a change to
(simple_history's "created" record and the editorial Transition record). Search statistics belong to no
item, so a Penulis does not see them.
"""

from datetime import timedelta

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Sum
from django.urls import NoReverseMatch, reverse

from bansos_portal.directory.models import LinkCheck
from bansos_portal.editorial.models import Transition
from bansos_portal.publishing import item_key
from bansos_portal.search.models import SearchQueryStat
from bansos_portal.two_factor import can_publish

from .models import FEEDBACK_MODELS, ITEM_FIELDS, Vote, counts_between, row_key

WINDOW_DAYS = 30
OVERDUE_WEIGHT = 3
COMMENT_LIMIT = 50
SEARCH_LIMIT = 20
LINK_LIMIT = 50
AUTHORED_ACTIONS = [Transition.Action.SUBMITTED, Transition.Action.PROPOSED]


def attention_score(no, total, open_comments, overdue):
    """Not-helpful votes weighted by their share (10 of 20 scores 5, 10 of 10 scores 10), plus one per open
    comment, plus OVERDUE_WEIGHT when the item is past its review date (it may simply be out of date)."""
    share_no = no / total if total else 0
    return round(no * share_no + open_comments + (OVERDUE_WEIGHT if overdue else 0), 1)


def helpful_percent(counts):
    yes, no = counts
    return round(100 * yes / (yes + no)) if yes + no else None


def sees_everything(user):
    return can_publish(user)


def authored_keys(user):
    """item_key()s of the items `user` created, submitted for review or proposed a change to."""
    keys = set()
    for label in FEEDBACK_MODELS:
        model = apps.get_model(label)
        history = getattr(model, "history", None)
        if history is not None:
            created = history.filter(history_type="+", history_user=user).values_list("id", flat=True)
            keys.update((model._meta.app_label, model._meta.model_name, pk) for pk in created)
    records = Transition.objects.filter(user=user, action__in=AUTHORED_ACTIONS).values(*ITEM_FIELDS)
    keys.update(row_key(row) for row in records)
    return keys


def scope(user):
    """The item keys `user` may see, or None for every item."""
    return None if sees_everything(user) else authored_keys(user)


def may_handle(user, vote):
    return sees_everything(user) or vote.key in authored_keys(user)


def overdue_items(today):
    for label in FEEDBACK_MODELS:
        yield from apps.get_model(label).objects.overdue_for_review(today)


def load_items(keys):
    """{item key: object} for the keys whose item still exists, one query per kind of item."""
    found = {}
    by_model = {}
    for app_label, model_name, pk in keys:
        by_model.setdefault((app_label, model_name), []).append(pk)
    for (app_label, model_name), pks in by_model.items():
        model = ContentType.objects.get_by_natural_key(app_label, model_name).model_class()
        found.update({item_key(obj): obj for obj in model._base_manager.filter(pk__in=pks)})
    return found


def admin_url(obj):
    opts = obj._meta
    try:
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    except NoReverseMatch:
        return ""


def open_comment_counts(keys):
    comments = Vote.objects.open_comments()
    if keys is not None:
        comments = comments.for_items(keys)
    rows = comments.values(*ITEM_FIELDS).annotate(open=Count("pk")).order_by()
    return {row_key(row): row["open"] for row in rows}


def item_rows(user, today):
    """One row per item with votes, open comments or an overdue review, the most in need of attention first."""
    keys = scope(user)
    first = today - timedelta(days=WINDOW_DAYS - 1)
    now = counts_between(first, today, keys)
    before = counts_between(first - timedelta(days=WINDOW_DAYS), first - timedelta(days=1), keys)
    comments = open_comment_counts(keys)
    overdue = {item_key(obj): obj.review_due for obj in overdue_items(today)}
    if keys is not None:
        overdue = {key: due for key, due in overdue.items() if key in keys}
    wanted = set(now) | set(comments) | set(overdue)
    items = load_items(wanted)
    rows = [row(items[key], now, before, comments, overdue) for key in wanted if key in items]
    return sorted(rows, key=lambda row: (-row["score"], -row["no"], row["label"]))


def row(obj, now, before, comments, overdue):
    key = item_key(obj)
    yes, no = now.get(key, (0, 0))
    share, share_before = helpful_percent((yes, no)), helpful_percent(before.get(key, (0, 0)))
    return {
        "key": key,
        "label": str(obj),
        "kind": obj._meta.verbose_name,
        "admin_url": admin_url(obj),
        "public_url": obj.get_absolute_url(),
        "yes": yes,
        "no": no,
        "helpful_percent": share,
        "helpful_percent_before": share_before,
        "trend": share - share_before if share is not None and share_before is not None else None,
        "open_comments": comments.get(key, 0),
        "review_due": overdue.get(key),
        "score": attention_score(no, yes + no, comments.get(key, 0), key in overdue),
    }


def latest_comments(user):
    """The newest open comments, each with its item (None when the item is gone)."""
    keys = scope(user)
    comments = Vote.objects.open_comments().select_related("content_type")
    if keys is not None:
        comments = comments.for_items(keys)
    comments = list(comments[:COMMENT_LIMIT])
    items = load_items({vote.key for vote in comments})
    return [{"vote": vote, "item": items.get(vote.key)} for vote in comments]


def unmet_searches(today):
    """Searches of the last 30 days that found nothing, and those whose results nobody opened."""
    first = today - timedelta(days=WINDOW_DAYS - 1)
    rows = (
        SearchQueryStat.objects.filter(day__range=(first, today))
        .values("query")
        .annotate(times=Sum("searches"), found=Sum("results"), opened=Sum("clicks"))
        .order_by("-times", "query")
    )
    return {
        "zero": list(rows.filter(found=0)[:SEARCH_LIMIT]),
        "unopened": list(rows.filter(found__gt=0, opened=0)[:SEARCH_LIMIT]),
    }


def broken_links():
    """Outbound links that answered with an error at their last check (directory/links_check.py)."""
    return list(LinkCheck.objects.broken().order_by("url")[:LINK_LIMIT])


def csv_row(row):
    return {
        "item": row["label"],
        "jenis": row["kind"],
        "alamat": row["public_url"],
        "membantu_30_hari": row["yes"],
        "tidak_membantu_30_hari": row["no"],
        "persen_membantu": row["helpful_percent"],
        "persen_membantu_30_hari_sebelumnya": row["helpful_percent_before"],
        "komentar_terbuka": row["open_comments"],
        "tinjau_ulang_paling_lambat": row["review_due"].isoformat() if row["review_due"] else None,
        "skor": row["score"],
    }
