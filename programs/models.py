from django.db import models
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe

from bansos_portal.publishing import (
    HistoricalRecords,
    Publishable,
    PublishableQuerySet,
    Reviewable,
    Source,
    address,
    successor_field,
)
from bansos_portal.rich_text import MARKDOWN_HELP, MarkdownModel, markdown_html_field

from .budgets import CENTRAL_AGENCY, Budget, best_per_year  # noqa: F401 - Django finds the models here, callers too
from .page_sections import ANSWERS, CEKBANSOS_URL, FOLDED, SECTIONS, Answer, Section, short_answer, steps_html


def proposal_field():
    """A hidden draft copy of a live item (a proposed change): edited and reviewed while the live page
    stays as it is, then copied onto the live item and deleted (bansos_portal/editorial/proposals.py)."""
    return models.OneToOneField(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        editable=False,
        related_name="proposal",
        verbose_name="usulan perubahan untuk",
    )


# At most one open proposal per live item (the one-to-one above), and a proposal itself never goes public.
PROPOSAL_NEVER_PUBLIC = models.CheckConstraint(
    condition=models.Q(proposal_for__isnull=True) | models.Q(status__in=["draft", "review"]),
    name="%(app_label)s_%(class)s_proposal_never_public",
)


class SharedStep(MarkdownModel):
    """Steps that are the same for many programs (proposing a name through the village office, the Cek Bansos
    app), written once and chosen per program: a correction here reaches every program page that uses it."""

    class Placement(models.TextChoices):
        PREPARATION = "preparation", "Yang perlu disiapkan"
        REGISTRATION = "registration", "Cara mendaftar"
        AFTER_PROPOSAL = "after_proposal", "Setelah diusulkan"
        OBJECTION = "objection", "Jika ditolak atau dicoret"

    slug = models.SlugField("kode", max_length=100, unique=True, help_text="Nama pendek yang tetap, misalnya desa.")
    title = models.CharField("judul", max_length=200, help_text="Subjudulnya, misalnya «Lewat kantor desa/kelurahan».")
    placement = models.CharField(
        "tampil di bagian",
        max_length=20,
        choices=Placement.choices,
        default=Placement.REGISTRATION,
        help_text="Bagian halaman program tempat langkah ini tampil, di bawah teks program itu sendiri.",
    )
    body = models.TextField("isi", help_text="Berlaku untuk setiap program yang memilihnya. " + MARKDOWN_HELP)
    body_html = markdown_html_field()
    order = models.PositiveSmallIntegerField("urutan", default=100, help_text="Angka kecil tampil lebih dulu.")

    markdown_fields = ("body",)
    history = HistoricalRecords(excluded_fields=["body_html"])

    class Meta:
        ordering = ["order", "title"]
        verbose_name = "langkah bersama"
        verbose_name_plural = "langkah bersama"

    def __str__(self):
        return f"{self.title} ({self.get_placement_display()})"


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
    preparation = models.TextField(
        "yang perlu disiapkan",
        blank=True,
        help_text="Dokumen dan data yang dibawa saat mendaftar, khusus program ini. " + MARKDOWN_HELP,
    )
    after_proposal = models.TextField(
        "setelah diusulkan",
        blank=True,
        help_text="Apa yang terjadi setelah nama diusulkan dan berapa lama, khusus program ini. " + MARKDOWN_HELP,
    )
    objection = models.TextField(
        "jika ditolak atau dicoret",
        blank=True,
        help_text="Cara menyanggah bila tidak terpilih atau dikeluarkan, khusus program ini. " + MARKDOWN_HELP,
    )
    shared_steps = models.ManyToManyField(
        SharedStep,
        blank=True,
        related_name="programs",
        verbose_name="langkah bersama",
        help_text="Langkah yang sama untuk banyak program, ditulis sekali di «Langkah bersama». "
        "Masing-masing tampil di bagian yang tertulis padanya, di bawah teks program ini.",
    )
    answer_eligibility = short_answer("siapa yang berhak (singkat)")
    answer_amount = short_answer("berapa (singkat)", "Besaran tahun ini dan periodenya (per bulan, tahap, tahun). ")
    answer_registration = short_answer("cara mendaftar (singkat)")
    answer_payment = short_answer("kapan cair (singkat)")
    answer_complaints = short_answer("ke mana mengadu (singkat)")
    status_check_url = models.URLField(
        "alamat cek status penerima",
        max_length=300,
        default=CEKBANSOS_URL,
        help_text="Situs resmi tempat warga mengecek apakah terdaftar: cekbansos untuk program Kemensos, "
        "situs PIP untuk PIP, BPJS Kesehatan untuk PBI-JK.",
    )
    status_check_label = models.CharField(
        "nama situs cek status",
        max_length=100,
        default="cekbansos.kemensos.go.id",
        help_text="Tampil di tombol «Cek status penerima», misalnya cekbansos.kemensos.go.id.",
    )
    description_html = markdown_html_field()
    eligibility_html = markdown_html_field()
    benefits_html = markdown_html_field()
    registration_html = markdown_html_field()
    disbursement_html = markdown_html_field()
    complaints_html = markdown_html_field()
    regional_role_html = markdown_html_field()
    legal_basis_html = markdown_html_field()
    preparation_html = markdown_html_field()
    after_proposal_html = markdown_html_field()
    objection_html = markdown_html_field()
    # The short answers as the page shows them: one line each, where a cited figure is its value and source.
    answer_eligibility_html = markdown_html_field()
    answer_amount_html = markdown_html_field()
    answer_registration_html = markdown_html_field()
    answer_payment_html = markdown_html_field()
    answer_complaints_html = markdown_html_field()
    successor = successor_field(
        "Bila program ini diarsipkan: program penggantinya (misalnya BST → BLT), ditautkan dari alamat lama."
    )
    proposal_for = proposal_field()

    inline_markdown_fields = tuple(field for field, _, _ in ANSWERS)
    markdown_fields = tuple(field for field, _, _ in SECTIONS) + inline_markdown_fields

    objects = ProgramQuerySet.as_manager()
    # A revision per save; the rendered HTML is derived, so only the Markdown is kept.
    history = HistoricalRecords(excluded_fields=[f"{field}_html" for field in markdown_fields])

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "program"
        verbose_name_plural = "program"
        permissions = [("publish_program", "Boleh menerbitkan, menarik, menjadwalkan dan mengarsipkan program")]
        constraints = [PROPOSAL_NEVER_PUBLIC]

    def __str__(self):
        if not self.acronym or self.acronym in self.name:
            return self.name
        return f"{self.name} ({self.acronym})"

    def get_absolute_url(self):
        return address("programs:detail", self.slug)

    @property
    def short_name(self):
        return self.acronym or self.name

    def sections(self):
        """The non-empty sections as (anchor, heading, html), in page order; a section's shared steps follow
        its own text, each under its title."""
        return [(anchor, heading, html) for anchor, heading, html, _ in self.page_sections]

    @cached_property
    def page_sections(self):
        """The sections as the page shows them: Section(anchor, heading, html, fold), fold being the words
        of the <details> its body is folded under, or empty."""
        steps = {}
        for step in self.shared_steps.all():
            steps.setdefault(step.placement, []).append(step)
        sections = []
        for field, anchor, heading in SECTIONS:
            html = getattr(self, f"{field}_html") + steps_html(steps.get(field, ()))
            if html:
                sections.append(Section(anchor, heading, html, FOLDED.get(anchor, "")))
        return sections

    def anchors(self, *, with_benefit_table):
        """The anchors of the sections the page shows; the benefit table ("besaran") when it has amounts."""
        return {section.anchor for section in self.page_sections} | ({"besaran"} if with_benefit_table else set())

    def answers(self, anchors):
        """The filled short answers as Answer(question, html, anchor); anchor is empty when the page has
        no section of that name (`anchors`: those it has)."""
        return [
            # Sanitised when saved (rich_text.render_inline_markdown).
            Answer(question, mark_safe(getattr(self, f"{field}_html")), anchor if anchor in anchors else "")
            for field, question, anchor in ANSWERS
            if getattr(self, field)
        ]

    def search_document(self):
        """What search indexes: plain title and summary, and the body as the page shows it (sanitised HTML)."""
        body_html = "\n".join(getattr(self, f"{field}_html") for field, _, _ in SECTIONS)
        return {"title": str(self), "summary": self.summary, "body_html": body_html}

    def search_programs(self):
        return [self]


class ProgramSource(Source):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="sources")

    history = HistoricalRecords()


class BenefitComponentQuerySet(models.QuerySet):
    def table_rows(self):
        """The components as the benefit table shows them (newest year first), as plain dicts: a page that
        only displays them needs no model instance per row, and templates read dicts fastest."""
        labels = dict(BenefitComponent.Period.choices)
        rows = self.values("year", "name", "note", "amount", "period")
        return [{**row, "period_label": labels.get(row["period"], row["period"])} for row in rows]


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

    objects = BenefitComponentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "order", "id"]
        verbose_name = "komponen manfaat"
        verbose_name_plural = "komponen manfaat"

    def __str__(self):
        return f"{self.name} ({self.year})"
