from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from bansos_portal.publishing import Publishable, PublishableQuerySet, Reviewable, Source, successor_field
from bansos_portal.rich_text import MARKDOWN_HELP, MarkdownModel, markdown_html_field

CENTRAL_AGENCY = "Kementerian Sosial"

# The program page's sections, in order: (field, anchor, heading). Anchors are public
# addresses others deep-link to, so they never change.
SECTIONS = (
    ("description", "tentang", "Tentang program"),
    ("eligibility", "syarat", "Siapa yang berhak"),
    ("benefits", "manfaat", "Manfaat yang diterima"),
    ("registration", "cara-daftar", "Cara mendaftar"),
    ("disbursement", "penyaluran", "Penyaluran: tahap dan saluran"),
    ("complaints", "pengaduan", "Pengaduan dan kontak"),
    ("regional_role", "peran-daerah", "Peran pemerintah daerah"),
    ("legal_basis", "dasar-hukum", "Dasar hukum"),
)


class ProgramQuerySet(PublishableQuerySet):
    def for_list(self):
        return self.only("slug", "name", "acronym", "summary", "agency", "order")


class Program(MarkdownModel, Reviewable, Publishable):
    name = models.CharField("nama", max_length=200)
    acronym = models.CharField("singkatan", max_length=30, blank=True, help_text="Misalnya PKH atau BPNT.")
    slug = models.SlugField(
        "slug",
        max_length=100,
        unique=True,
        help_text="Bagian alamat halaman, misalnya /program/pkh/. Jangan diubah setelah terbit.",
    )
    agency = models.CharField(
        "penyelenggara",
        max_length=200,
        default=CENTRAL_AGENCY,
        help_text="Instansi pemerintah pusat yang menjalankan program.",
    )
    summary = models.TextField("ringkasan", max_length=400, help_text="Satu atau dua kalimat, teks biasa.")
    order = models.PositiveSmallIntegerField("urutan", default=100, help_text="Angka kecil tampil lebih dulu.")
    description = models.TextField("tentang program", blank=True, help_text=MARKDOWN_HELP)
    eligibility = models.TextField("siapa yang berhak", blank=True, help_text=MARKDOWN_HELP)
    benefits = models.TextField("manfaat", blank=True, help_text=MARKDOWN_HELP)
    registration = models.TextField("cara mendaftar", blank=True, help_text="Tulis langkah bernomor. " + MARKDOWN_HELP)
    disbursement = models.TextField("penyaluran", blank=True, help_text="Tahap, jadwal dan saluran. " + MARKDOWN_HELP)
    complaints = models.TextField("pengaduan dan kontak", blank=True, help_text=MARKDOWN_HELP)
    regional_role = models.TextField(
        "peran pemerintah daerah",
        blank=True,
        help_text="Apa yang dikerjakan Dinas Sosial, desa dan pendamping dalam program ini. " + MARKDOWN_HELP,
    )
    legal_basis = models.TextField("dasar hukum", blank=True, help_text=MARKDOWN_HELP)
    description_html = markdown_html_field()
    eligibility_html = markdown_html_field()
    benefits_html = markdown_html_field()
    registration_html = markdown_html_field()
    disbursement_html = markdown_html_field()
    complaints_html = markdown_html_field()
    regional_role_html = markdown_html_field()
    legal_basis_html = markdown_html_field()
    successor = successor_field(
        "Bila program ini diarsipkan: program penggantinya (misalnya BST → BLT), ditautkan dari alamat lama."
    )

    markdown_fields = tuple(field for field, _, _ in SECTIONS)

    objects = ProgramQuerySet.as_manager()
    # A revision per save; the rendered HTML is derived, so only the Markdown is kept.
    history = HistoricalRecords(excluded_fields=[f"{field}_html" for field, _, _ in SECTIONS])

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "program"
        verbose_name_plural = "program"
        permissions = [("publish_program", "Boleh menerbitkan, menarik, menjadwalkan dan mengarsipkan program")]

    def __str__(self):
        if not self.acronym or self.acronym in self.name:
            return self.name
        return f"{self.name} ({self.acronym})"

    def get_absolute_url(self):
        return reverse("programs:detail", args=[self.slug])

    @property
    def short_name(self):
        return self.acronym or self.name

    def sections(self):
        """The non-empty sections as (anchor, heading, html), in page order."""
        return [
            (anchor, heading, getattr(self, f"{field}_html"))
            for field, anchor, heading in SECTIONS
            if getattr(self, f"{field}_html")
        ]

    def search_document(self):
        body = "\n".join(getattr(self, field) for field, _, _ in SECTIONS)
        return {"title": str(self), "summary": self.summary, "body": body}

    def search_programs(self):
        return [self]


class ProgramSource(Source):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="sources")

    history = HistoricalRecords()


class BenefitComponent(models.Model):
    class Period(models.TextChoices):
        YEAR = "year", "per tahun"
        MONTH = "month", "per bulan"
        STAGE = "stage", "per tahap"
        ONCE = "once", "sekali"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="components")
    name = models.CharField("komponen", max_length=200, help_text="Misalnya Ibu hamil atau Anak SD.")
    amount = models.BigIntegerField("besaran (rupiah)")
    period = models.CharField("periode", max_length=10, choices=Period.choices, default=Period.YEAR)
    year = models.PositiveSmallIntegerField("tahun berlaku")
    note = models.CharField("catatan", max_length=300, blank=True)
    order = models.PositiveSmallIntegerField("urutan", default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "order", "id"]
        verbose_name = "komponen manfaat"
        verbose_name_plural = "komponen manfaat"

    def __str__(self):
        return f"{self.name} ({self.year})"


class BudgetQuerySet(models.QuerySet):
    def public(self):
        """Ministry-wide figures and those of published programs."""
        published = Program.objects.published().values("pk")
        return self.filter(models.Q(program__isnull=True) | models.Q(program__in=published))

    def ministry_wide(self):
        return self.filter(program__isnull=True)


class Budget(models.Model):
    # The usual kinds of figure; any other short description (e.g. "APBN-P") is kept as written.
    LABELS = {
        "rapbn": "RAPBN (rancangan)",
        "pagu": "Pagu APBN",
        "pagu-revisi": "Pagu revisi",
        "realisasi": "Realisasi",
        "laporan": "Angka yang dilaporkan",
    }

    program = models.ForeignKey(
        Program,
        on_delete=models.CASCADE,
        related_name="budgets",
        null=True,
        blank=True,
        help_text="Kosongkan untuk anggaran seluruh Kementerian Sosial.",
    )
    year = models.PositiveSmallIntegerField("tahun anggaran")
    label = models.CharField(
        "jenis angka",
        max_length=60,
        default="pagu",
        help_text="Biasanya pagu, pagu-revisi, rapbn, realisasi atau laporan; boleh keterangan lain.",
    )
    allocation = models.BigIntegerField("anggaran (rupiah)")
    realisation = models.BigIntegerField("realisasi (rupiah)", null=True, blank=True)
    beneficiaries = models.BigIntegerField("penerima (KPM/orang)", null=True, blank=True)
    source = models.CharField("sumber", max_length=300, blank=True, help_text="Nama sumber angka ini.")
    source_url = models.URLField("alamat sumber (URL)", max_length=500, blank=True)

    objects = BudgetQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["year", "program__order", "label", "id"]
        verbose_name = "anggaran"
        verbose_name_plural = "anggaran"

    def __str__(self):
        owner = self.program.short_name if self.program_id else CENTRAL_AGENCY
        return f"{owner} {self.year} ({self.get_label_display()})"

    def clean(self):
        key = self.label.strip().lower().replace("_", "-").replace(" ", "-")
        self.label = key if key in self.LABELS else self.label.strip()

    def get_label_display(self):
        return self.LABELS.get(self.label, self.label)
