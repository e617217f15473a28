"""What an address answers once its item is no longer where it was: moved (301), ended (410) or never there (404)."""

from django.apps import apps
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from bansos_portal.publishing import Status

from .slug_history import find_renamed

SUCCESSOR_HOPS = 5


def is_public(item):
    return item.is_published() if hasattr(item, "is_published") else True


def has_ended(item):
    """Archived by Humas, or its unpublish time has passed, after it was public: the page existed and is
    gone for good."""
    status = getattr(item, "status", None)
    unpublish_at = getattr(item, "unpublish_at", None)
    expired = status == Status.PUBLISHED and unpublish_at is not None and unpublish_at <= timezone.now()
    return (status == Status.ARCHIVED or expired) and was_ever_published(item)


def was_ever_published(item):
    """False only for an item whose revisions show it as a draft (or in review) and never as published:
    archiving a draft leaves no public trace, not even its title on a 410 page. The revisions are the
    signal because every save writes one, by the admin, the workflow or the import alike, while
    `last_reviewed_at` and the workflow's records miss imports. An item that arrived already archived
    (a restored backup, a program that ended before the portal) is taken as having been public."""
    history = getattr(item, "history", None)
    if history is None:
        return True
    statuses = set(history.order_by().values_list("status", flat=True).distinct())
    return Status.PUBLISHED in statuses or not statuses & {Status.DRAFT, Status.REVIEW}


def answers_publicly(item):
    """The item's page can be shown, or it ended after being public (and answers 410)."""
    return is_public(item) or has_ended(item)


def public_successor(item):
    """The first public item down the successor chain (BST → BLT → ...), or None."""
    for _ in range(SUCCESSOR_HOPS):
        item = getattr(item, "successor", None)
        if item is None or is_public(item):
            return item
    return None


def gone(request, item):
    context = {"item": item, "kind": item._meta.verbose_name, "successor": public_successor(item)}
    return render(request, "links/gone.html", context, status=410)


# Pages that show one item by its `slug`, by URL name: the model whose old slugs and endings they honour.
STABLE_PAGES = {
    "programs:detail": "programs.Program",
    "faq:category": "faq.Category",
    "faq:detail": "faq.Question",
    "faq:clarification": "faq.Clarification",
    "links:embed_program": "programs.Program",
    "links:embed_question": "faq.Question",
    "links:leaflet": "programs.Program",
    "links:share_image": "programs.Program",
    "links:program_feed": "programs.Program",
}


def moved_or_gone(request, model, slug):
    """An old slug redirects to today's address in one hop, an archived item answers 410 with its successor;
    None when the address was never the item's (it stays a 404)."""
    item = model._default_manager.filter(slug=slug).first()
    if item is None:
        item = find_renamed(model, slug)
        if item is not None and is_public(item):
            match = request.resolver_match
            url = reverse(match.view_name, kwargs={**match.kwargs, "slug": item.slug})
            query = request.META.get("QUERY_STRING")
            return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)
    if item is not None and has_ended(item):
        return gone(request, item)
    return None


class StableAddressMiddleware:
    """Turns the 404 of a page in STABLE_PAGES into a redirect (renamed) or a 410 (ended), so the content
    apps' views need to know nothing of old addresses."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        match = request.resolver_match
        if not isinstance(exception, Http404) or match is None or match.view_name not in STABLE_PAGES:
            return None
        slug = match.kwargs.get("slug")
        return moved_or_gone(request, apps.get_model(STABLE_PAGES[match.view_name]), slug) if slug else None
