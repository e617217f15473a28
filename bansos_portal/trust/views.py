"""Who runs the portal, how to reach them, what it records, and the ministry's verified accounts."""

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.http import require_GET

from bansos_portal.directory.models import CALL_CENTER

from .models import OfficialAccount, platforms_without


@require_GET
def about(request):
    return render(request, "trust/about.html", {"call_center": CALL_CENTER})


@require_GET
def contact(request):
    # A detail that is not set is left out: the page never shows an address nobody answers.
    return render(request, "trust/contact.html", {"call_center": CALL_CENTER, "email": settings.CONTACT_EMAIL})


@require_GET
def privacy(request):
    return render(request, "trust/privacy.html")


@require_GET
def accounts(request):
    published = list(OfficialAccount.objects.published())
    context = {"accounts": published, "missing": platforms_without(published), "call_center": CALL_CENTER}
    return render(request, "trust/accounts.html", context)
