"""What an address answers once its item is no longer where it was: moved (301), ended (410) or never there (404)."""

from functools import wraps

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
    """Archived by Humas, or its unpublish time has passed: the page existed and is gone for good."""
    status = getattr(item, "status", None)
    if status == Status.ARCHIVED:
        return True
    unpublish_at = getattr(item, "unpublish_at", None)
    return status == Status.PUBLISHED and unpublish_at is not None and unpublish_at <= timezone.now()


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


def stable_address(model):
    """For a view that shows one `model` by `slug`: an old slug redirects to today's address in one hop,
    an archived item answers 410 with its successor; anything else stays a 404."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, slug, **kwargs):
            try:
                return view(request, *args, slug=slug, **kwargs)
            except Http404:
                item = model._default_manager.filter(slug=slug).first()
                if item is None:
                    item = find_renamed(model, slug)
                    if item is not None and is_public(item):
                        url = reverse(request.resolver_match.view_name, kwargs={**kwargs, "slug": item.slug})
                        query = request.META.get("QUERY_STRING")
                        return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)
                if item is not None and has_ended(item):
                    return gone(request, item)
                raise

        return wrapped

    return decorator
