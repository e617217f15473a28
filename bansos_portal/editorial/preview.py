"""Drafts in the real public template: for signed-in staff, and through signed, expiring links.

A shared link is read-only (GET only), sets no cookie, and is kept out of search engines and caches.
It shows the item as it stands now (a preview follows the draft), and only while the item's preview
key is the one it was made with: Humas revoke every link of an item at once, and archiving or
deleting the item revokes them too.
"""

from datetime import UTC, datetime, timedelta

from django.apps import apps
from django.core import signing
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string
from django.views.decorators.http import require_GET

from bansos_portal.editorial import workflow
from bansos_portal.editorial.models import PreviewKey
from bansos_portal.publishing import Status

SALT = "bansos-portal.preview"
LINK_LIFETIME = timedelta(days=7)

# The public page of each previewable model, as (model label, "module.renderer").
RENDERERS = {
    "programs.program": "programs.views.render_program",
    "faq.question": "faq.views.render_question",
    "faq.clarification": "faq.views.render_clarification",
    "directory.office": "bansos_portal.directory.views.render_office",
    "glossary.term": "bansos_portal.glossary.views.render_term",
}


def make_link(request, obj):
    """An absolute, signed preview address for one item, and when it stops working."""
    nonce = PreviewKey.objects.nonce_for(obj)
    token = signing.dumps({"m": obj._meta.label_lower, "pk": obj.pk, "n": nonce}, salt=SALT)
    expires = timezone.now() + LINK_LIFETIME
    return request.build_absolute_uri(reverse("preview", args=[token])), expires


def render_preview(request, obj, *, expires=None):
    renderer = import_string(RENDERERS[obj._meta.label_lower])
    banner = {"status": workflow.status_label(obj), "expires": expires}
    if workflow.is_proposal(obj):
        banner["proposal_for"] = obj.proposal_for
        # A proposal's own slug is never an address: its page links where the live page lives.
        obj.slug = obj.proposal_for.slug
    response = renderer(request, obj, preview=banner)
    # Never cached, never indexed, and the token never leaks to other sites through the Referer.
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_GET
def shared_preview(request, token):
    try:
        data = signing.loads(token, salt=SALT, max_age=LINK_LIFETIME)
    except signing.SignatureExpired:
        return _gone(request)
    except signing.BadSignature as error:
        raise Http404("Tautan pratinjau tidak dikenal.") from error
    if data.get("m") not in RENDERERS:
        raise Http404("Tautan pratinjau tidak dikenal.")
    obj = get_object_or_404(apps.get_model(data["m"]), pk=data.get("pk"))
    if obj.status == Status.ARCHIVED or not PreviewKey.objects.is_current(obj, data.get("n")):
        return _gone(request)
    return render_preview(request, obj, expires=_expiry(token))


def revoke_links(obj, *, user):
    """Every preview link of the item stops working now, and the audit says who did it."""
    PreviewKey.objects.revoke(obj)
    workflow.record(obj, workflow.Action.PREVIEW_REVOKED, user=user, from_status=obj.status)


def _gone(request):
    """Expired, revoked, or the item archived: the same answer, which tells nothing of the item."""
    response = render(request, "preview_expired.html", status=410)
    response["Cache-Control"] = "private, no-store"
    return response


def _expiry(token):
    """When a link stops working: its signing time plus the lifetime."""
    timestamp = token.rsplit(":", 2)[-2]  # signing.dumps() writes payload:timestamp:signature
    return datetime.fromtimestamp(signing.b62_decode(timestamp), tz=UTC) + LINK_LIFETIME
