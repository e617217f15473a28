"""Drafts in the real public template: for signed-in staff, and through signed, expiring links.

A shared link is read-only (GET only), sets no cookie, and is kept out of search engines and caches.
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

SALT = "bansos-portal.preview"
LINK_LIFETIME = timedelta(days=7)

# The public page of each previewable model, as (model label, "module.renderer").
RENDERERS = {
    "programs.program": "programs.views.render_program",
    "faq.question": "faq.views.render_question",
    "faq.clarification": "faq.views.render_clarification",
}


def make_link(request, obj):
    """An absolute, signed preview address for one item, and when it stops working."""
    token = signing.dumps({"m": obj._meta.label_lower, "pk": obj.pk}, salt=SALT)
    expires = timezone.now() + LINK_LIFETIME
    return request.build_absolute_uri(reverse("preview", args=[token])), expires


def render_preview(request, obj, *, expires=None):
    renderer = import_string(RENDERERS[obj._meta.label_lower])
    response = renderer(request, obj, preview={"status": obj.get_status_display(), "expires": expires})
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
        return render(request, "preview_expired.html", status=410)
    except signing.BadSignature as error:
        raise Http404("Tautan pratinjau tidak dikenal.") from error
    if data.get("m") not in RENDERERS:
        raise Http404("Tautan pratinjau tidak dikenal.")
    obj = get_object_or_404(apps.get_model(data["m"]), pk=data.get("pk"))
    return render_preview(request, obj, expires=_expiry(token))


def _expiry(token):
    """When a link stops working: its signing time plus the lifetime."""
    timestamp = token.rsplit(":", 2)[-2]  # signing.dumps() writes payload:timestamp:signature
    return datetime.fromtimestamp(signing.b62_decode(timestamp), tz=UTC) + LINK_LIFETIME
