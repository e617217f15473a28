"""What the content audit reads from Humas: which source hosts count as official or reputable (and which
are flagged), and which phrases are guesses the ministry must not print in its own voice."""

from django.db import models


class SourceDomainQuerySet(models.QuerySet):
    def verdicts(self):
        """{domain: kind} for every listed host, read once per audit."""
        return dict(self.values_list("domain", "kind"))


class SourceDomain(models.Model):
    class Kind(models.TextChoices):
        OFFICIAL = "resmi", "Resmi (pemerintah, BPJS, basis data peraturan)"
        PRESS = "pers", "Media nasional tepercaya"
        FLAGGED = "ditandai", "Ditandai: bukan sumber untuk fakta resmi"

    domain = models.CharField(
        "domain",
        max_length=200,
        unique=True,
        help_text="Tanpa https:// dan tanpa www., misalnya kemensos.go.id. Berlaku juga untuk subdomainnya.",
    )
    kind = models.CharField("jenis", max_length=20, choices=Kind.choices, default=Kind.PRESS)
    note = models.CharField("catatan", max_length=300, blank=True)

    objects = SourceDomainQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "domain"]
        verbose_name = "domain sumber"
        verbose_name_plural = "domain sumber"

    def __str__(self):
        return self.domain

    def clean(self):
        self.domain = normalise_domain(self.domain)


def normalise_domain(text):
    """'https://www.Kompas.com/read' -> 'kompas.com'."""
    host = text.strip().lower().split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    return host.removeprefix("www.").strip(".")


class SpeculativePhrase(models.Model):
    phrase = models.CharField(
        "frasa",
        max_length=100,
        unique=True,
        help_text="Dicari sebagai kata utuh, huruf besar/kecil tidak dibedakan. Misalnya: kemungkinan besar.",
    )
    note = models.CharField(
        "saran pengganti",
        max_length=300,
        blank=True,
        help_text="Apa yang sebaiknya ditulis, misalnya: nyatakan faktanya atau tulis «belum diketahui».",
    )

    class Meta:
        ordering = ["phrase"]
        verbose_name = "frasa dugaan"
        verbose_name_plural = "frasa dugaan"

    def __str__(self):
        return self.phrase

    def clean(self):
        self.phrase = " ".join(self.phrase.lower().split())
