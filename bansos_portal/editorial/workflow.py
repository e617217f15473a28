"""Moving an item between draft, review, published and archived: who may, and the record kept.

Every change of state goes through `move()` (buttons, bulk actions) or `record_form_change()`
(a Penyunting editing the publication fields), and every edit of a budget figure or FAQ category
through `record_edit()`, so the audit trail has no gaps.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator

from bansos_portal.editorial.models import ChangeNote, PreviewKey, Transition
from bansos_portal.editorial.notifications import notify_move
from bansos_portal.editorial.revisions import display, tracked_fields
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


def status_label(obj):
    """The status as the public will see it: a published item whose time has not come is scheduled."""
    if obj.status == Status.PUBLISHED and obj.published_at and obj.published_at > timezone.now():
        moment = timezone.localtime(obj.published_at)
        return f"Dijadwalkan ({date_format(moment, 'j F Y, H.i')} {moment.tzname()})"
    return obj.get_status_display()


def publish_permission(model):
    opts = model._meta
    return f"{opts.app_label}.publish_{opts.model_name}"


def may_publish(user, model):
    """Publishing, unpublishing, scheduling and archiving need the model's publish_<model> permission."""
    return user.has_perm(publish_permission(model))


def is_proposal(obj):
    """A hidden draft copy of a live item: it is published by copying it onto that item, never itself."""
    return getattr(obj, "proposal_for_id", None) is not None


def may_edit(user, obj):
    """Whether the item's content may be changed in place: a draft or an item in review by anyone, an
    archived item by a Penyunting, and a live item by nobody (its change is proposed on a copy)."""
    if obj is not None and obj.status == Status.PUBLISHED:
        return False
    if obj is not None and obj.status == Status.ARCHIVED:
        return may_publish(user, type(obj))
    return True


def may_open_form(user, obj):
    """A Penyunting still opens a live item's form for its address and publication fields."""
    return may_edit(user, obj) or (obj.status == Status.PUBLISHED and may_publish(user, type(obj)))


def can_move(obj, target):
    """Whether the move exists at all; a proposal only goes between draft and review (publishing it is
    `proposals.publish`)."""
    if is_proposal(obj) and target not in (Status.DRAFT, Status.REVIEW):
        return False
    return (obj.status, target) in TRANSITIONS


def available_transitions(user, obj):
    """The (target status, label) pairs this user may apply to this item now."""
    allowed = may_publish(user, type(obj))
    moves = [
        (target, label)
        for (source, target), (_, label, needs_publish) in TRANSITIONS.items()
        if source == obj.status and can_move(obj, target) and (allowed or not needs_publish)
    ]
    if is_proposal(obj) and allowed:
        moves.append((Status.PUBLISHED, "Terbitkan usulan"))
    return moves


def describe(obj):
    """How the audit names an item; a proposal is named after the live item it would change."""
    return f"Usulan perubahan: {obj}" if is_proposal(obj) else str(obj)


def record(obj, action, *, user, from_status="", comment=""):
    """Write one audit line; an item that is archived or deleted also loses its preview links."""
    if action in (Action.ARCHIVED, Action.DELETED):
        PreviewKey.objects.revoke(obj)
    # Budget figures and categories have no status or dates: their lines leave those columns empty.
    return Transition.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        object_repr=describe(obj)[:300],
        action=action,
        from_status=from_status,
        to_status=getattr(obj, "status", "") if action != Action.DELETED else "",
        published_at=getattr(obj, "published_at", None),
        unpublish_at=getattr(obj, "unpublish_at", None),
        comment=comment,
        user=user if user and user.is_authenticated else None,
        username=user.get_username() if user and user.is_authenticated else "",
    )


def record_edit(obj, action, *, user, note=""):
    """An add, change, restore or delete of something public without a draft (a budget figure, a
    category), with what changed taken from its revisions. A save that changed nothing is not recorded."""
    revisions = list(obj.history.order_by("-history_date", "-history_id")[:2])
    if action in (Action.CHANGED, Action.RESTORED) and len(revisions) == 2:
        lines = changed_fields(revisions[1], revisions[0])
        if not lines and action == Action.CHANGED:
            return None
    else:
        lines = ["; ".join(all_values(revisions[0]))] if revisions else []
    return record(obj, action, user=user, comment="\n".join([note, *lines]).strip())


def all_values(revision):
    return [
        f"{field.verbose_name}: {value}" for field in tracked_fields(revision) if (value := display(revision, field))
    ]


def changed_fields(older, newer):
    """'label: «old» menjadi «new»' for each field that differs between two revisions."""
    lines = []
    for field in tracked_fields(newer):
        before, after = display(older, field), display(newer, field)
        if before != after:
            lines.append(f"{field.verbose_name}: «{before}» menjadi «{after}»")
    return lines


@transaction.atomic
def move(obj, target, *, user, comment="", published_at=None, change_note=""):
    """Apply one transition, refusing any the user may not make. Returns the Transition recorded."""
    if not can_move(obj, target):
        raise ValueError(f"Tidak bisa berpindah dari {obj.get_status_display()} ke {Status(target).label}.")
    action, _, needs_publish = TRANSITIONS[(obj.status, target)]
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
    return notify_move(obj, record(obj, action, user=user, from_status=source, comment=comment))


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
