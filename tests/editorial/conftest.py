from datetime import date, datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from bansos_portal.publishing import Status

MODELS = ["program", "question", "clarification"]


@pytest.fixture
def make_item(make_program, make_question, make_clarification):
    """One item of each public content type, by short name, as a draft unless told otherwise."""
    makers = {"program": make_program, "question": make_question, "clarification": make_clarification}

    def make(kind, **fields):
        fields.setdefault("status", Status.DRAFT)
        return makers[kind](**fields)

    return make


def admin_url(obj, view, *args):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=[obj.pk, *args])


def changelist_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_changelist")


def form_data(client, url):
    """Every field of an admin change form as the browser would submit it unchanged."""
    response = client.get(url)
    assert response.status_code == 200
    data = {}
    adminform = response.context["adminform"]
    for name in adminform.form.fields:
        value = adminform.form[name].value()
        if value is None:
            continue
        if isinstance(value, datetime):
            local = timezone.localtime(value)
            data[f"{name}_0"], data[f"{name}_1"] = local.date().isoformat(), local.time().isoformat()
        elif isinstance(value, date):
            data[name] = value.isoformat()
        elif isinstance(value, list | tuple):
            data[name] = [str(item) for item in value]
        else:
            data[name] = value
    for formset in response.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
    return data


def move_on_page(client, item, data):
    """Press a button on the item's «Alur terbit» page as a browser does: with the version the page showed."""
    url = admin_url(item, "workflow")
    version = client.get(url).context["version"]
    return client.post(url, {"version": version, **data})
