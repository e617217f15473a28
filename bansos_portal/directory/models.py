"""Regions (from the Kemendagri code list), the Dinas Sosial office of each, who may edit which, and the
outbound links the portal publishes with the result of their last check."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.html import format_html

from bansos_portal.publishing import HistoricalRecords, Publishable, PublishableQuerySet, Reviewable, Status, address

# Call Center Kemensos: the national line a citizen can always reach when the regional office is unknown.
CALL_CENTER = "171"


class RegionQuerySet(models.QuerySet):
    def active(self):
        return self.filter(archived_at__isnull=True)

    def addresses(self):
        """{"slug", "province_slug", "updated_at"} of each region, for Region.address_of: no model instance
        (and its province's) per row, for a list of hundreds of links."""
        return self.values("slug", "updated_at", province_slug=models.F("parent__slug"))

    def provinces(self):
        return self.filter(kind=Region.Kind.PROVINCE)

    def regencies(self):
        return self.exclude(kind=Region.Kind.PROVINCE)

    def by_slug(self, slug, parent=None):
        """The region with this slug (or a slug it once had) under `parent`; (region, renamed) or (None, False)."""
        siblings = self.filter(parent=parent)
        region = siblings.filter(slug=slug).first()
        if region is not None:
            return region, False
        alias = RegionAlias.objects.filter(region__in=siblings, slug=slug).select_related("region").first()
        return (alias.region, True) if alias else (None, False)


class Region(models.Model):
    class Kind(models.TextChoices):
        PROVINCE = "provinsi", "Provinsi"
        REGENCY = "kabupaten", "Kabupaten"
        CITY = "kota", "Kota"

    code = models.CharField("kode Kemendagri", max_length=13, unique=True, help_text="Misalnya 35.73.")
    name = models.CharField("nama", max_length=120)
    kind = models.CharField("jenis", max_length=10, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name="provinsi"
    )
    slug = models.SlugField("slug", max_length=120)
    archived_at = models.DateTimeField(
        "diarsipkan", null=True, blank=True, help_text="Terisi bila daerah ini tidak ada lagi di data Kemendagri."
    )
    successor = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="predecessors",
        verbose_name="daerah pengganti",
    )
    updated_at = models.DateTimeField("diperbarui", auto_now=True)

    objects = RegionQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = "daerah"
        verbose_name_plural = "daerah"
        constraints = [models.UniqueConstraint(fields=["parent", "slug"], name="directory_region_unique_slug")]

    def __str__(self):
        if self.parent_id:
            return f"{self.name}, {self.parent.name}"
        return f"Provinsi {self.name}"

    def get_absolute_url(self):
        return self.address_of(self.slug, None if self.is_province else self.parent.slug)

    @staticmethod
    def address_of(slug, province_slug=None):
        """The public page of a province (no province above it) or of a regency or city in its province."""
        if province_slug is None:
            return address("directory:province", slug)
        return address("directory:regency", province_slug, slug)

    @property
    def is_province(self):
        return self.kind == self.Kind.PROVINCE

    @property
    def province(self):
        return self if self.is_province else self.parent

    def path_args(self):
        return [self.slug] if self.is_province else [self.parent.slug, self.slug]

    def embed_url(self):
        name = "directory_embed_province" if self.is_province else "directory_embed"
        return address(name, *self.path_args())

    def office_name(self):
        """How the office is usually named: Dinas Sosial Provinsi Jawa Timur, Dinas Sosial Kota Malang."""
        return f"Dinas Sosial Provinsi {self.name}" if self.is_province else f"Dinas Sosial {self.name}"

    def published_office(self):
        """The region's own office as its page shows it, or None; read from `offices`, which site search
        prefetches when it indexes many regions at once."""
        return next((o for o in self.offices.all() if o.proposal_for_id is None and o.is_published()), None)

    def search_document(self):
        """What site search finds of the region's page: the office's name, the details a source backs
        (never an unverified one), the province and the programs the office serves."""
        office = self.published_office()
        place = f"Provinsi {self.name}" if self.is_province else f"{self.name}, Provinsi {self.parent.name}"
        details = [f"{label}: {value}" for label, value in _verified_details(office)]
        names = [office.name] if office and office.name != self.office_name() else []
        services = [program.short_name for program in self.search_programs() if program.is_published()]
        body = [*names, place, *([f"Layanan program: {', '.join(services)}."] if services else [])]
        return {
            "slug": self.code,  # unique, unlike the slug, which only its province's regions do not share
            "title": self.office_name(),
            "summary": ". ".join(details) + "." if details else "Rincian kantor daerah ini belum terverifikasi.",
            "body_html": "".join(format_html("<p>{}</p>", part) for part in body),
        }

    def search_programs(self):
        office = self.published_office()
        return list(office.services.all()) if office and office.source_for("services") else []

    def search_publication(self):
        """A region's page has no editorial workflow: public while the region is in the Kemendagri list."""
        office = self.published_office()
        return {
            "status": Status.ARCHIVED if self.archived_at else Status.PUBLISHED,
            "published_at": self.updated_at,
            "unpublish_at": None,
            "updated_at": max(self.updated_at, office.updated_at) if office else self.updated_at,
        }


class RegionAlias(models.Model):
    """A slug a region once had: its old address redirects to the new one."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="aliases")
    slug = models.SlugField("slug lama", max_length=120)

    class Meta:
        verbose_name = "slug lama daerah"
        verbose_name_plural = "slug lama daerah"
        constraints = [models.UniqueConstraint(fields=["region", "slug"], name="directory_alias_unique")]

    def __str__(self):
        return self.slug


class OfficeQuerySet(PublishableQuerySet):
    def live(self):
        return self.filter(proposal_for__isnull=True)

    def for_region(self, region):
        """The published office of the region, or None."""
        return self.published().filter(region=region).select_related("region__parent").first()

    def for_listing(self):
        return (
            self.published()
            .select_related("region__parent")
            .prefetch_related("sources", "services")
            .order_by("region__code")
        )

    def editable_by(self, user):
        """Every office for a Penyunting; an Operator Daerah's own regions' offices otherwise."""
        if user.has_perm("directory.publish_office"):
            return self
        return self.filter(region__in=Region.objects.filter(operators__user=user))


class Office(Reviewable, Publishable):
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="offices", verbose_name="daerah")
    slug = models.SlugField("slug", max_length=60, unique=True, editable=False)
    name = models.CharField("nama kantor", max_length=200, help_text="Misalnya Dinas Sosial Kota Malang.")
    address = models.TextField("alamat", blank=True)
    directions = models.TextField(
        "petunjuk arah", blank=True, help_text="Tanpa peta: patokan terdekat, angkutan umum, lantai atau gedung."
    )
    phones = models.TextField("telepon", blank=True, help_text="Satu nomor per baris, misalnya (0341) 123456.")
    whatsapp = models.CharField(
        "WhatsApp/SMS resmi", max_length=40, blank=True, help_text="Isi hanya bila diumumkan resmi oleh pemda."
    )
    email = models.EmailField("surel", blank=True)
    website = models.URLField("situs web", max_length=300, blank=True)
    social_accounts = models.TextField("akun media sosial resmi", blank=True, help_text="Satu alamat per baris.")
    opening_hours = models.CharField("jam layanan", max_length=200, blank=True)
    services = models.ManyToManyField(
        "programs.Program", blank=True, related_name="offices", verbose_name="layanan program"
    )
    note = models.TextField("catatan", blank=True)
    proposal_for = models.OneToOneField(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        editable=False,
        related_name="proposal",
        verbose_name="usulan perubahan untuk",
    )

    objects = OfficeQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["region__code"]
        verbose_name = "kantor Dinas Sosial"
        verbose_name_plural = "kantor Dinas Sosial"
        permissions = [("publish_office", "Boleh menerbitkan, menarik dan mengarsipkan kantor Dinas Sosial")]
        constraints = [
            models.UniqueConstraint(
                fields=["region"], condition=models.Q(proposal_for__isnull=True), name="directory_one_office_per_region"
            ),
            models.CheckConstraint(
                condition=models.Q(proposal_for__isnull=True) | models.Q(status__in=[Status.DRAFT, Status.REVIEW]),
                name="directory_office_proposal_never_public",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # The slug is the office's key for the editorial machinery, never a public address.
        if not self.slug:
            self.slug = f"dinsos-{self.region.code.replace('.', '-')}"
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return self.region.get_absolute_url()

    def phone_numbers(self):
        """Each number as written, with its tap-to-call address."""
        return [(line.strip(), tel_href(line)) for line in self.phones.splitlines() if line.strip()]

    def social_links(self):
        return [line.strip() for line in self.social_accounts.splitlines() if line.strip()]

    def source_for(self, detail):
        return next((source for source in self.sources.all() if source.detail == detail), None)

    def shown(self, detail):
        """The detail's value where a source backs it, else empty: an unsourced detail is never published."""
        return getattr(self, detail) if self.source_for(detail) else ""

    def sources_line(self):
        return "; ".join(
            f"{source.get_detail_display()}: {source.url} ({source.verified_on.isoformat()})"
            for source in self.sources.all()
        )

    def is_verified(self):
        return bool(self.sources.all())

    def verified_on(self):
        return max((source.verified_on for source in self.sources.all()), default=None)


def _verified_details(office):
    """(label, value) of the office's address and phone numbers where a source backs them."""
    if office is None:
        return []
    address = " ".join(office.shown("address").split())
    phones = ", ".join(number for number, _ in office.phone_numbers()) if office.shown("phones") else ""
    return [(label, value) for label, value in (("Alamat", address), ("Telepon", phones)) if value]


def tel_href(number):
    """A `tel:` address from a number as written: (0341) 123-456 → tel:0341123456."""
    digits = "".join(char for char in number if char.isdigit() or char == "+")
    return f"tel:{digits}"


class OfficeDetailSource(models.Model):
    """Where one detail of an office was read, and when: details without a source are never shown."""

    class Detail(models.TextChoices):
        ADDRESS = "address", "Alamat"
        PHONES = "phones", "Telepon"
        WHATSAPP = "whatsapp", "WhatsApp/SMS"
        EMAIL = "email", "Surel"
        WEBSITE = "website", "Situs web"
        SOCIAL = "social_accounts", "Media sosial"
        HOURS = "opening_hours", "Jam layanan"
        SERVICES = "services", "Layanan program"
        DIRECTIONS = "directions", "Petunjuk arah"

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="sources")
    detail = models.CharField("rincian", max_length=20, choices=Detail.choices)
    url = models.URLField("alamat sumber (URL)", max_length=500)
    title = models.CharField("judul sumber", max_length=300, blank=True)
    verified_on = models.DateField("tanggal diverifikasi", default=timezone.localdate)

    history = HistoricalRecords()

    class Meta:
        ordering = ["detail", "id"]
        verbose_name = "sumber rincian"
        verbose_name_plural = "sumber rincian"

    def __str__(self):
        return f"{self.get_detail_display()}: {self.url}"


class OperatorRegion(models.Model):
    """An Operator Daerah may propose changes to the offices of these regions only."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="operator_regions", verbose_name="pengguna"
    )
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="operators", verbose_name="daerah")

    class Meta:
        verbose_name = "wilayah operator daerah"
        verbose_name_plural = "wilayah operator daerah"
        constraints = [models.UniqueConstraint(fields=["user", "region"], name="directory_operator_region_unique")]

    def __str__(self):
        return f"{self.user} — {self.region}"


class LinkCheckQuerySet(models.QuerySet):
    def broken(self):
        return self.filter(outcome=LinkCheck.Outcome.BROKEN)

    def redirected(self):
        return self.filter(outcome=LinkCheck.Outcome.REDIRECTED)


class LinkCheck(models.Model):
    class Outcome(models.TextChoices):
        OK = "ok", "Baik"
        REDIRECTED = "redirected", "Dialihkan"
        BROKEN = "broken", "Rusak"

    url = models.URLField("alamat", max_length=1000, unique=True)
    used_by = models.CharField("dipakai di", max_length=300, blank=True)
    outcome = models.CharField("hasil", max_length=12, choices=Outcome.choices)
    status_code = models.PositiveSmallIntegerField("kode HTTP", null=True, blank=True)
    final_url = models.URLField("alamat akhir", max_length=1000, blank=True)
    error = models.CharField("galat", max_length=300, blank=True)
    checked_at = models.DateTimeField("terakhir diperiksa")

    objects = LinkCheckQuerySet.as_manager()

    class Meta:
        ordering = ["outcome", "url"]
        verbose_name = "pemeriksaan tautan"
        verbose_name_plural = "laporan tautan keluar"

    def __str__(self):
        return self.url
