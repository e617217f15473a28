"""Changing what is live, as Wagtail keeps a draft beside a live page: a proposal is a hidden draft copy
of a live item (its fields, the rows of its form and its links to other items). Writers edit, preview
and submit the copy like any draft while the public page stays as it is; a Penyunting publishes it,
which copies it onto the live item in one transaction, or it is discarded. Either way the copy goes.

A proposal is made from the live item as it stood at the copy's `created_at`: publishing is refused
when the live item changed after that, until the Penyunting has been shown what changed."""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from bansos_portal.editorial import workflow
from bansos_portal.editorial.comparison import compare, content_fields, row_kinds
from bansos_portal.editorial.concurrency import version_token
from bansos_portal.editorial.models import ChangeNote, PreviewKey
from bansos_portal.editorial.revisions import related_histories
from bansos_portal.publishing import Status

Action = workflow.Action
SLUG_SUFFIX = "--usulan"


class LiveChanged(ValueError):
    """The live item changed after the proposal was made, and the Penyunting has not seen how."""


def open_proposal(live):
    return type(live).objects.filter(proposal_for=live).first()


def is_live(obj):
    return obj.status == Status.PUBLISHED and not workflow.is_proposal(obj)


def author_id(proposal):
    """Who made the proposal: the user of its first revision."""
    first = proposal.history.order_by("history_date", "history_id").values_list("history_user_id", flat=True)
    return first.first()


def may_discard(user, proposal):
    return workflow.may_publish(user, type(proposal)) or author_id(proposal) == user.pk


def live_changed(proposal, live):
    return live.updated_at > proposal.created_at


def propose(live, *, user):
    """The live item's open proposal, made now if it has none; (proposal, made now)."""
    if not is_live(live):
        raise ValueError("Usulan perubahan hanya untuk item yang sedang terbit; item ini bisa disunting langsung.")
    try:
        with transaction.atomic():
            proposal = _copy(live, user)
            workflow.record(live, Action.PROPOSED, user=user, from_status=live.status)
            return proposal, True
    except IntegrityError:
        # Someone else made one a moment ago: at most one open proposal per item, so open theirs.
        return open_proposal(live), False


def _copy(live, user):
    model = type(live)
    skipped = {"id", "created_at", "updated_at", "proposal_for"}
    fields = [field for field in model._meta.concrete_fields if field.name not in skipped]
    proposal = model(**{field.attname: getattr(live, field.attname) for field in fields})
    proposal.slug, proposal.status, proposal.proposal_for = proposal_slug(live), Status.DRAFT, live
    proposal._change_reason, proposal._history_user = "Usulan perubahan dibuat", user
    proposal.save()
    _copy_rows(live, proposal)
    for field in model._meta.many_to_many:
        getattr(proposal, field.name).set(getattr(live, field.name).all())
    return proposal


def proposal_slug(live):
    """A unique address the copy never shows: the live item keeps its own."""
    limit = live._meta.get_field("slug").max_length
    slug = live.slug[: limit - len(SLUG_SUFFIX)] + SLUG_SUFFIX
    if type(live).objects.filter(slug=slug).exists():
        suffix = f"{SLUG_SUFFIX}-{live.pk}"
        slug = live.slug[: limit - len(suffix)] + suffix
    return slug


def _copy_rows(source, target):
    """The rows of the source's form (components, budget figures, sources) saved again under the target:
    saved one by one so each keeps its history."""
    for rel in related_histories(type(source)):
        for row in getattr(source, rel.get_accessor_name()).all():
            row.pk, row._state.adding = None, True
            setattr(row, rel.field.name, target)
            row.save()


def _replace_rows(live, proposal):
    for rel in related_histories(type(live)):
        for row in getattr(live, rel.get_accessor_name()).all():
            row.delete()
    _copy_rows(proposal, live)


@transaction.atomic
def publish(proposal, *, user, comment="", change_note="", live_seen=""):
    """Copy the proposal onto its live item and delete it; returns the Transition recorded on the live item.

    `live_seen` is the live item's version the Penyunting was shown after a refusal: with it, a live item
    changed after the proposal was made is overwritten knowingly."""
    model = type(proposal)
    if not workflow.may_publish(user, model):
        raise PermissionDenied("Hanya Penyunting yang boleh menerbitkan usulan perubahan.")
    live = model.objects.select_for_update().get(pk=proposal.proposal_for_id)
    if live_changed(proposal, live) and live_seen != version_token(live):
        raise LiveChanged("Halaman yang terbit berubah setelah usulan ini dibuat.")
    changed = [row["label"] for row in compare(live, proposal, row_kinds(model))]
    for field in content_fields(model):
        setattr(live, field.attname, getattr(proposal, field.attname))
    live.mark_reviewed()
    live._change_reason = "Usulan perubahan diterbitkan"
    live._history_user = user
    live.save()
    _replace_rows(live, proposal)
    for field in model._meta.many_to_many:
        getattr(live, field.name).set(getattr(proposal, field.name).all())
    if change_note:
        ChangeNote.objects.create(item=live, note=change_note, author=user)
    summary = "Yang berubah: " + "; ".join(changed) if changed else "Tidak ada isi yang berubah."
    done = workflow.record(
        live, Action.PROPOSAL_PUBLISHED, user=user, from_status=live.status, comment=_lines(comment, summary)
    )
    _delete(proposal)
    return done


@transaction.atomic
def discard(proposal, *, user, comment=""):
    """Throw the proposal away (its author or a Penyunting may); the live item's audit keeps the line."""
    if not may_discard(user, proposal):
        raise PermissionDenied("Hanya pembuat usulan atau Penyunting yang boleh membuangnya.")
    live = proposal.proposal_for
    done = workflow.record(live, Action.PROPOSAL_DISCARDED, user=user, from_status=live.status, comment=comment)
    _delete(proposal)
    return done


def _delete(proposal):
    PreviewKey.objects.revoke(proposal)
    proposal.delete()


def _lines(*parts):
    return "\n".join(part for part in parts if part)
