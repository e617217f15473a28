"""The admin home's to-do lists: items waiting for a Penyunting and items overdue for review."""

from django import template
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from bansos_portal.publishing import Status

register = template.Library()

WORKFLOW_MODELS = ["programs.Program", "faq.Question", "faq.Clarification"]
LIMIT = 20


def _rows(queryset, user, model):
    opts = model._meta
    if not user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
        return []
    url = f"admin:{opts.app_label}_{opts.model_name}_change"
    return [
        {"item": obj, "kind": opts.verbose_name, "url": reverse(url, args=[obj.pk]), "due": obj.review_due}
        for obj in queryset[:LIMIT]
    ]


@register.simple_tag(takes_context=True)
def humas_dashboard(context):
    user = context["request"].user
    today = timezone.localdate()
    waiting, overdue = [], []
    for label in WORKFLOW_MODELS:
        model = apps.get_model(label)
        waiting += _rows(model.objects.filter(status=Status.REVIEW).order_by("updated_at"), user, model)
        due = model.objects.filter(status=Status.PUBLISHED, review_due__lt=today).order_by("review_due")
        overdue += _rows(due, user, model)
    return {"waiting": waiting, "overdue": sorted(overdue, key=lambda row: row["due"])}
