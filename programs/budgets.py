"""Budget figures, the ministry's and each program's, by year and kind: the budget page, the program pages'
tables, the home page's highlight and the open-data downloads read them."""

from django.db import models

from bansos_portal.publishing import HistoricalRecords

CENTRAL_AGENCY = "Kementerian Sosial"


def best_per_year(budgets):
    """One figure a year, the best known (see Budget.chart_rank), oldest year first: what a chart shows, so
    that a reader sees one bar a year of a kind it names; every figure stays in the table. Among figures
    of the same kind the first one listed wins."""
    best = {}
    for budget in budgets:
        if budget.year not in best or budget.chart_rank < best[budget.year].chart_rank:
            best[budget.year] = budget
    return sorted(best.values(), key=lambda budget: budget.year)


class BudgetQuerySet(models.QuerySet):
    def public(self):
        """Ministry-wide figures and those of published programs."""
        programs = self.model._meta.get_field("program").related_model  # Program, defined beside it
        published = programs.objects.published().values("pk")
        return self.filter(models.Q(program__isnull=True) | models.Q(program__in=published))

    def ministry_wide(self):
        return self.filter(program__isnull=True)

    def rows(self):
        """Each figure as a download row (see Budget.as_row), its program read in the same query."""
        return (budget.as_row() for budget in self.select_related("program"))

    def best_per_year(self):
        return best_per_year(self.order_by("year", "id"))

    def of_one_program(self):
        """One program's figures in the table's order. The default ordering's program__order joins the
        program table, which the page cache can only tag as "any budget or program changed" (see
        page_cache/tags.py); within one program the order is the same without it."""
        return self.order_by("year", "label", "id")


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
        "Program",
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

    # Which figure of a year a chart shows, best first: the money spent, else the last ceiling set, else a
    # draft, else a figure someone reported. Any other kind (e.g. "APBN-P") comes last.
    CHART_ORDER = ("realisasi", "pagu-revisi", "pagu", "rapbn", "laporan")

    @property
    def is_realisation(self):
        return self.realisation is not None or self.label == "realisasi"

    @property
    def chart_rank(self):
        kind = "realisasi" if self.is_realisation else self.label
        return self.CHART_ORDER.index(kind) if kind in self.CHART_ORDER else len(self.CHART_ORDER)

    @property
    def chart_value(self):
        """The realisation where it is known, else the figure itself (a "realisasi" row holds it there)."""
        return self.realisation if self.realisation is not None else self.allocation

    @property
    def chart_kind(self):
        return self.LABELS["realisasi"] if self.is_realisation else self.get_label_display()

    def as_row(self):
        """The figure as the open-data columns name it; None where a figure is not known."""
        return {
            "tahun": self.year,
            "program": self.program.short_name if self.program else f"{CENTRAL_AGENCY} (seluruhnya)",
            "program_slug": self.program.slug if self.program else None,
            "jenis_angka": self.get_label_display(),
            "anggaran_rupiah": self.allocation,
            "realisasi_rupiah": self.realisation,
            "penerima": self.beneficiaries,
            "sumber": self.source,
            "url_sumber": self.source_url,
        }
