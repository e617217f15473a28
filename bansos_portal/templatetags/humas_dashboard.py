"""The admin home's to-do lists: items waiting for a Penyunting and items overdue for review."""

from django import template
from django.apps import apps
from django.contrib.admin.templatetags.admin_urls import admin_urlname
from django.contrib.auth import get_permission_codename
from django.urls import reverse
from django.utils import timezone

from bansos_portal.editorial.models import Transition
from bansos_portal.publishing import item_key, items_filter

register = template.Library()

WORKFLOW_MODELS = ["programs.Program", "faq.Question", "faq.Clarification"]
LIMIT = 20


def _rows(queryset, user, model):
    opts = model._meta
    if not user.has_perm(f"{opts.app_label}.{get_permission_codename('view', opts)}"):
        return []
    return [_row(obj, opts) for obj in queryset.select_related("proposal_for")[:LIMIT]]


def _row(obj, opts):
    if obj.proposal_for_id is None:
        view, label = "change", str(obj)
    else:
        # A proposal is reviewed on its comparison with the live page.
        view, label = "compare_live", f"Usulan perubahan: {obj.proposal_for}"
    url = reverse(admin_urlname(opts, view), args=[obj.pk])
    return {"item": obj, "label": label, "kind": opts.verbose_name, "url": url, "due": obj.review_due}


def _with_submissions(rows):
    """Each proposal's latest «Ajukan untuk ditinjau» (who, when, comment), read in one query."""
    proposals = [row for row in rows if row["item"].proposal_for_id]
    wanted = items_filter(item_key(row["item"]) for row in proposals)
    latest = {}
    submitted = Transition.objects.filter(wanted, action=Transition.Action.SUBMITTED)
    for record in submitted.select_related("content_type", "user").order_by("at", "id"):
        latest[(record.content_type.app_label, record.content_type.model, record.object_id)] = record
    for row in proposals:
        row["submission"] = latest.get(item_key(row["item"]))
    return rows


@register.simple_tag(takes_context=True)
def humas_dashboard(context):
    user = context["request"].user
    today = timezone.localdate()
    waiting, overdue = [], []
    for label in WORKFLOW_MODELS:
        model = apps.get_model(label)
        waiting += _rows(model.objects.awaiting_review(), user, model)
        overdue += _rows(model.objects.overdue_for_review(today), user, model)
    return {"waiting": _with_submissions(waiting), "overdue": sorted(overdue, key=lambda row: row["due"])}
