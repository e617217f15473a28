"""The ministry's official accounts, as Humas verified them: the list citizens check a link or a
message against before they trust it."""

from django.core.validators import URLValidator
from django.db import models

from bansos_portal.publishing import HistoricalRecords

# Only addresses a browser shows as secure: an account page behind plain http could be swapped on the way.
HTTPS_ONLY = [URLValidator(schemes=["https"])]


class Platform(models.TextChoices):
    WEBSITE = "situs", "Situs web"
    INSTAGRAM = "instagram", "Instagram"
    FACEBOOK = "facebook", "Facebook"
    X = "x", "X (Twitter)"
    YOUTUBE = "youtube", "YouTube"
    TIKTOK = "tiktok", "TikTok"
    WHATSAPP = "whatsapp", "WhatsApp"


class OfficialAccountQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class OfficialAccount(models.Model):
    platform = models.CharField("platform", max_length=20, choices=Platform.choices)
    handle = models.CharField(
        "nama akun", max_length=100, help_text="Persis seperti tertulis di platformnya, misalnya kemensos.go.id."
    )
    url = models.URLField("alamat akun", max_length=300, validators=HTTPS_ONLY, help_text="Diawali https://.")
    verified_on = models.DateField("diperiksa pada", help_text="Tanggal Humas membuka sumber dan akun ini.")
    source_url = models.URLField(
        "sumber",
        max_length=500,
        validators=HTTPS_ONLY,
        help_text="Halaman resmi Kementerian Sosial (sebaiknya di kemensos.go.id) yang menautkan akun ini.",
    )
    order = models.PositiveSmallIntegerField("urutan", default=0)
    is_published = models.BooleanField(
        "tampilkan di situs",
        default=False,
        help_text="Hanya Penyunting yang boleh mencentang, setelah membuka sumber dan akunnya sendiri.",
    )
    updated_at = models.DateTimeField("diperbarui", auto_now=True)

    objects = OfficialAccountQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "platform", "handle"]
        verbose_name = "akun resmi"
        verbose_name_plural = "akun resmi"
        permissions = [("publish_officialaccount", "Boleh menampilkan dan menarik akun resmi di situs")]
        constraints = [models.UniqueConstraint(fields=["platform", "url"], name="trust_one_row_per_account")]

    def __str__(self):
        return f"{self.get_platform_display()}: {self.handle}"


def platforms_without(accounts):
    """Labels of the platforms none of `accounts` is on, in the order of Platform."""
    covered = {account.platform for account in accounts}
    return [label for value, label in Platform.choices if value not in covered]
