"""E-mail notices that keep the review queue moving: the Penyunting group hears of a submission, the
author hears that their item was returned or published.

Sent only with NOTIFY_EMAIL=True, through Django's mail settings, after the move is committed. A notice
carries the item's title and a link to its «Alur terbit» page, never its text: a draft may hold
unannounced figures, and mailboxes are forwarded and kept.
"""

import logging
import smtplib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mass_mail
from django.db import transaction
from django.urls import reverse

from bansos_portal.editorial.models import Transition
from bansos_portal.publishing import Status

logger = logging.getLogger(__name__)
Action = Transition.Action
REVIEWERS = "Penyunting"
SUBJECTS = {
    Action.SUBMITTED: "Perlu ditinjau: {title}",
    Action.RETURNED: "Dikembalikan ke draf: {title}",
    Action.PUBLISHED: "Sudah terbit: {title}",
    Action.SCHEDULED: "Dijadwalkan terbit: {title}",
}
BODIES = {
    Action.SUBMITTED: "{actor} mengajukan «{title}» untuk ditinjau.",
    Action.RETURNED: "{actor} mengembalikan «{title}» ke draf. Catatannya ada di halaman alur terbit.",
    Action.PUBLISHED: "{actor} menerbitkan «{title}».",
    Action.SCHEDULED: "{actor} menjadwalkan «{title}» untuk terbit.",
}


def notify_move(obj, transition):
    """Queue the notice for a move just recorded (after commit); returns the transition unchanged."""
    if settings.NOTIFY_EMAIL and transition.action in SUBJECTS:
        if transition.action != Action.RETURNED or transition.from_status == Status.REVIEW:
            transaction.on_commit(lambda: send(messages_for(obj, transition)))
    return transition


def recipients(obj, transition):
    User = get_user_model()
    if transition.action == Action.SUBMITTED:
        people = User.objects.filter(groups__name=REVIEWERS)
    else:
        people = User.objects.filter(pk=author_id(obj))
    people = people.filter(is_active=True).exclude(email="").exclude(pk=transition.user_id)
    return sorted(set(people.values_list("email", flat=True)))


def author_id(obj):
    """Whoever last submitted the item for review, else whoever created it."""
    submitted = (
        Transition.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk, action=Action.SUBMITTED
        )
        .exclude(user=None)
        .first()
    )
    if submitted is not None:
        return submitted.user_id
    first = obj.history.order_by("history_date", "history_id").first()
    return first.history_user_id if first is not None else None


def review_url(obj):
    opts = obj._meta
    path = reverse(f"admin:{opts.app_label}_{opts.model_name}_workflow", args=[obj.pk])
    return settings.NOTIFY_SITE_URL + path


def messages_for(obj, transition):
    names = {"title": transition.object_repr, "actor": transition.username or "Seseorang"}
    subject = "[Portal Bansos] " + SUBJECTS[transition.action].format(**names)
    body = f"{BODIES[transition.action].format(**names)}\n\nBuka halaman alur terbit: {review_url(obj)}\n"
    to = recipients(obj, transition)
    return [(subject, body, settings.DEFAULT_FROM_EMAIL, [address]) for address in to]


def send(messages):
    # The move is already saved: a mail server that is down must not turn it into an error page.
    try:
        send_mass_mail(messages, fail_silently=False)
    except (OSError, smtplib.SMTPException):
        logger.exception("Pemberitahuan e-mail tidak terkirim")
