"""The object behind an admin tool's address, checked against the user's permission on that object."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404


def permitted_object(model_admin, request, object_id, may, missing):
    """`may(request, obj)` is one of the admin's has_*_permission methods; `missing` is the 404 text."""
    obj = model_admin.get_object(request, unquote(object_id))
    if obj is None:
        raise Http404(missing)
    if not may(request, obj):
        raise PermissionDenied
    return obj
