"""Moving an item between draft, review, published and archived: who may, and the record kept.

Every change of state goes through `move()` (buttons, bulk actions) or `record_form_change()`
(a Penyunting editing the publication fields), so the audit trail has no gaps.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator

from bansos_portal.editorial.models import ChangeNote, Transition
from bansos_portal.publishing import Status

Action = Transition.Action

# (from, to) -> (action, button label, needs the publish permission)
TRANSITIONS = {
    (Status.DRAFT, Status.REVIEW): (Action.SUBMITTED, "Ajukan untuk ditinjau", False),
    (Status.REVIEW, Status.DRAFT): (Action.RETURNED, "Kembalikan ke draf", False),
    (Status.DRAFT, Status.PUBLISHED): (Action.PUBLISHED, "Terbitkan atau jadwalkan", True),
    (Status.REVIEW, Status.PUBLISHED): (Action.PUBLISHED, "Terbitkan atau jadwalkan", True),
    (Status.PUBLISHED, Status.DRAFT): (Action.UNPUBLISHED, "Tarik dari situs (jadikan draf)", True),
    (Status.DRAFT, Status.ARCHIVED): (Action.ARCHIVED, "Arsipkan", True),
    (Status.REVIEW, Status.ARCHIVED): (Action.ARCHIVED, "Arsipkan", True),
    (Status.PUBLISHED, Status.ARCHIVED): (Action.ARCHIVED, "Arsipkan", True),
    (Status.ARCHIVED, Status.DRAFT): (Action.RETURNED, "Keluarkan dari arsip (jadikan draf)", True),
}


def publish_permission(model):
    opts = model._meta
    return f"{opts.app_label}.publish_{opts.model_name}"


def may_publish(user, model):
    """Publishing, unpublishing, scheduling and archiving need the model's publish_<model> permission."""
    return user.has_perm(publish_permission(model))


def may_edit(user, obj):
    """A Penulis edits drafts and items in review; what is live or archived belongs to a Penyunting."""
    if obj is not None and obj.status in (Status.PUBLISHED, Status.ARCHIVED):
        return may_publish(user, type(obj))
    return True


def available_transitions(user, obj):
    """The (target status, label) pairs this user may apply to this item now."""
    allowed = may_publish(user, type(obj))
    return [
        (target, label)
        for (source, target), (_, label, needs_publish) in TRANSITIONS.items()
        if source == obj.status and (allowed or not needs_publish)
    ]


def record(obj, action, *, user, from_status="", comment=""):
    return Transition.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        object_repr=str(obj)[:300],
        action=action,
        from_status=from_status,
        to_status=obj.status if action != Action.DELETED else "",
        published_at=obj.published_at,
        unpublish_at=obj.unpublish_at,
        comment=comment,
        user=user if user and user.is_authenticated else None,
        username=user.get_username() if user and user.is_authenticated else "",
    )


@transaction.atomic
def move(obj, target, *, user, comment="", published_at=None, change_note=""):
    """Apply one transition, refusing any the user may not make. Returns the Transition recorded."""
    key = (obj.status, target)
    if key not in TRANSITIONS:
        raise ValueError(f"Tidak bisa berpindah dari {obj.get_status_display()} ke {Status(target).label}.")
    action, _, needs_publish = TRANSITIONS[key]
    if needs_publish and not may_publish(user, type(obj)):
        raise PermissionDenied("Hanya Penyunting yang boleh menerbitkan, menarik atau mengarsipkan.")
    now = timezone.now()
    source = obj.status
    obj.status = target
    if target == Status.PUBLISHED:
        obj.published_at = published_at or min(obj.published_at, now)
        if obj.published_at > now:
            action = Action.SCHEDULED
        obj.mark_reviewed()
    # The revision keeps a short reason (100 characters); the full comment is in the Transition.
    obj._change_reason = Truncator(comment or action.label).chars(100)
    obj._history_user = user
    obj.save()
    if change_note and target == Status.PUBLISHED:
        ChangeNote.objects.create(
            content_type=ContentType.objects.get_for_model(obj),
            object_id=obj.pk,
            note=change_note,
            created_at=max(obj.published_at, now),
            author=user,
        )
    return record(obj, action, user=user, from_status=source, comment=comment)


def record_form_change(obj, *, user, old_status, dates_changed):
    """A Penyunting changed status or dates in the edit form itself: keep the same record as a button would."""
    if old_status == obj.status:
        if not dates_changed:
            return None
        action = Action.SCHEDULED
    else:
        action = TRANSITIONS.get((old_status, obj.status), (Action.RETURNED,))[0]
        if obj.status == Status.PUBLISHED and obj.published_at > timezone.now():
            action = Action.SCHEDULED
    return record(obj, action, user=user, from_status=old_status, comment="Diubah lewat formulir")
