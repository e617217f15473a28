"""The editorial record: who moved which item between states, and the public change notes."""

import re
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac

from bansos_portal.publishing import item_key, items_filter


class ItemQuerySet(models.QuerySet):
    def for_item(self, obj):
        return self.filter(items_filter([item_key(obj)]))


class Transition(models.Model):
    """One recorded step in an item's life: a state change, a schedule, a restore or a deletion."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", "Diajukan untuk ditinjau"
        RETURNED = "returned", "Dikembalikan ke draf"
        PUBLISHED = "published", "Diterbitkan"
        SCHEDULED = "scheduled", "Dijadwalkan"
        UNPUBLISHED = "unpublished", "Ditarik dari situs"
        ARCHIVED = "archived", "Diarsipkan"
        RESTORED = "restored", "Revisi dipulihkan"
        DELETED = "deleted", "Dihapus"
        # Budget figures and FAQ categories have no draft: each save is public at once, so it is recorded.
        ADDED = "added", "Ditambahkan"
        CHANGED = "changed", "Diubah"
        PREVIEW_REVOKED = "preview_revoked", "Tautan pratinjau dicabut"
        # A live item changes through a proposal (a hidden draft copy): made, then published or discarded.
        PROPOSED = "proposed", "Usulan perubahan dibuat"
        PROPOSAL_PUBLISHED = "proposal_published", "Usulan perubahan diterbitkan"
        PROPOSAL_DISCARDED = "proposal_discarded", "Usulan perubahan dibuang"

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, verbose_name="jenis isi")
    object_id = models.PositiveBigIntegerField("ID item")
    item = GenericForeignKey("content_type", "object_id")
    # Kept as text so the record still reads well after the item (or the user) is deleted.
    object_repr = models.CharField("item", max_length=300)
    action = models.CharField("tindakan", max_length=20, choices=Action.choices, db_index=True)
    from_status = models.CharField("dari status", max_length=20, blank=True)
    to_status = models.CharField("ke status", max_length=20, blank=True)
    published_at = models.DateTimeField("tanggal terbit", null=True, blank=True)
    unpublish_at = models.DateTimeField("berhenti tayang", null=True, blank=True)
    comment = models.TextField("komentar", blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name="oleh"
    )
    username = models.CharField("nama pengguna", max_length=150, blank=True)
    at = models.DateTimeField("waktu", default=timezone.now, db_index=True)

    objects = ItemQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = "catatan audit"
        verbose_name_plural = "catatan audit"
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.get_action_display()}: {self.object_repr}"


class ChangeNote(models.Model):
    """A public 'Perubahan penting' line shown on the item's page, like GOV.UK's change history."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name="jenis isi")
    object_id = models.PositiveBigIntegerField("ID item")
    item = GenericForeignKey("content_type", "object_id")
    note = models.CharField("perubahan penting", max_length=500)
    created_at = models.DateTimeField("tanggal", default=timezone.now)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name="penulis"
    )

    objects = ItemQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "catatan perubahan"
        verbose_name_plural = "catatan perubahan"
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return self.note


class PreviewKeyQuerySet(ItemQuerySet):
    def nonce_for(self, obj):
        """The nonce every current preview link of the item carries; made on first use."""
        key, _ = self.get_or_create(
            content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk, defaults={"nonce": new_nonce()}
        )
        return key.nonce

    def is_current(self, obj, nonce):
        return bool(nonce) and self.for_item(obj).filter(nonce=nonce).exists()

    def revoke(self, obj):
        """Every link made so far stops working; the next link gets a new nonce."""
        self.for_item(obj).delete()


def new_nonce():
    return secrets.token_urlsafe(16)


class PreviewKey(models.Model):
    """What makes an item's shared preview links valid: revoking or archiving the item replaces it.

    Kept here, keyed by content type and id, so the content models need no field of their own."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name="jenis isi")
    object_id = models.PositiveBigIntegerField("ID item")
    item = GenericForeignKey("content_type", "object_id")
    nonce = models.CharField("kunci", max_length=64, default=new_nonce)
    created_at = models.DateTimeField("dibuat", default=timezone.now)

    objects = PreviewKeyQuerySet.as_manager()

    class Meta:
        verbose_name = "kunci tautan pratinjau"
        verbose_name_plural = "kunci tautan pratinjau"
        constraints = [models.UniqueConstraint(fields=["content_type", "object_id"], name="one_preview_key_per_item")]

    def __str__(self):
        return f"{self.content_type} {self.object_id}"


ENROLMENT_CODE_LIFETIME = timedelta(hours=24)
# No 0/O or 1/I: the code is read aloud or copied from paper.
ENROLMENT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def enrolment_digest(code):
    """Only a keyed hash is stored: the code itself is shown once, to the Administrator who made it."""
    normalised = re.sub(r"[\s-]", "", code).upper()
    return salted_hmac("bansos-portal.enrolment-code", normalised, algorithm="sha256").hexdigest()


class EnrolmentCodeQuerySet(models.QuerySet):
    def issue(self, user, *, by=None):
        """A new code for `user` (replacing any earlier one), returned in clear this once."""
        code = "-".join("".join(secrets.choice(ENROLMENT_ALPHABET) for _ in range(4)) for _ in range(3))
        self.update_or_create(
            user=user, defaults={"code_hash": enrolment_digest(code), "issued_at": timezone.now(), "issued_by": by}
        )
        return code

    def redeem(self, user, code):
        """True, and the code used up, when `code` is this user's and is still valid."""
        valid = self.filter(user=user, code_hash=enrolment_digest(code))
        deleted, _ = valid.filter(issued_at__gte=timezone.now() - ENROLMENT_CODE_LIFETIME).delete()
        return deleted > 0


class EnrolmentCode(models.Model):
    """A one-time code an Administrator hands to a person, so only they can enrol an authenticator app."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolment_code", verbose_name="akun"
    )
    code_hash = models.CharField("sidik kode", max_length=64)
    issued_at = models.DateTimeField("dibuat", default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="dibuat oleh",
    )

    objects = EnrolmentCodeQuerySet.as_manager()

    class Meta:
        verbose_name = "kode pendaftaran autentikator"
        verbose_name_plural = "kode pendaftaran autentikator"

    def __str__(self):
        return f"Kode pendaftaran untuk {self.user}"
