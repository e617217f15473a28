"""Addresses that outlive edits: old slugs of renamed items, and short links for print and SMS."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models

from bansos_portal.publishing import address


class SlugHistory(models.Model):
    """An address an item used to have. Points at the item itself, so every old slug redirects
    straight to today's address in one hop, however many times the slug changed."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    old_slug = models.SlugField("slug lama", max_length=200)
    changed_at = models.DateTimeField("diganti", auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_type", "old_slug"], name="links_unique_old_slug_per_type")
        ]
        verbose_name = "slug lama"
        verbose_name_plural = "slug lama"

    def __str__(self):
        return self.old_slug


def _target_field(model, verbose_name=None):
    """Where a short link may lead; clean() lets it have exactly one target."""
    return models.ForeignKey(
        model, on_delete=models.CASCADE, null=True, blank=True, related_name="short_links", verbose_name=verbose_name
    )


class ShortLink(models.Model):
    """/s/<code>: short enough for a banner, an SMS or a leaflet. Counts hits, stores nothing else."""

    code = models.SlugField(
        "kode",
        max_length=40,
        unique=True,
        help_text="Bagian setelah /s/, misalnya pkh untuk /s/pkh. Pendek; disimpan huruf kecil, /s/PKH juga sampai.",
    )
    program = _target_field("programs.Program")
    question = _target_field("faq.Question", "tanya jawab")
    clarification = _target_field("faq.Clarification", "klarifikasi")
    path = models.CharField(
        "alamat lain di portal",
        max_length=300,
        blank=True,
        help_text="Hanya bila tujuannya bukan program, tanya jawab atau klarifikasi; diawali /, misalnya /anggaran/.",
    )
    hits = models.PositiveBigIntegerField("dibuka", default=0, editable=False)
    created_at = models.DateTimeField("dibuat", auto_now_add=True)

    class Meta:
        ordering = ["code"]
        verbose_name = "tautan pendek"
        verbose_name_plural = "tautan pendek"

    def __str__(self):
        return f"/s/{self.code}"

    def get_absolute_url(self):
        return address("links:short", self.code)

    def clean(self):
        self.code = self.code.lower()
        chosen = [name for name in ("program", "question", "clarification") if getattr(self, f"{name}_id")]
        chosen += ["path"] if self.path else []
        if len(chosen) != 1:
            raise ValidationError("Pilih tepat satu tujuan: program, tanya jawab, klarifikasi, atau alamat lain.")
        if self.path and (not self.path.startswith("/") or self.path.startswith("//")):
            raise ValidationError({"path": "Alamat harus di portal ini dan diawali satu /, misalnya /anggaran/."})

    def target_url(self):
        target = self.program or self.question or self.clarification
        return target.get_absolute_url() if target else self.path
