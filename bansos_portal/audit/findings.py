"""The content audit: what in the content a reader could be misled by, per item, with the field and the text.

Each kind of finding is an error or a warning (KINDS). An error is something the ministry must not
publish: a guess in its own voice, a figure in force with no source, a source the audit flags (a blog, a
scraper, a truncated address), a citation that cannot be shown, a figure shown without its period. An
error blocks publishing (editorial/prepublish.py) and makes `audit_content` fail. A warning needs a
person's judgement, so a Penyunting may publish over it: a number typed into text instead of cited, a
host not yet on the list, a page with no source at all (a warning until older content and test
fixtures carry sources; the demo content does), a date on the 1st of a month that may be more
precise than its source, a paragraph repeated on several programs (the same complaint channel
can rightly appear twice), and two figures for the same thing with different values (two sources
disagree: a person decides which one the ministry states).
"""

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.db.models import Q

from bansos_portal.figures.citations import cited_names
from bansos_portal.figures.models import Figure
from bansos_portal.formatting import thousands
from bansos_portal.glossary.models import Term
from bansos_portal.publishing import Status
from faq.models import Clarification, DatePrecision, Question
from programs.models import Budget, Program, SharedStep

from . import text as read
from .models import SourceDomain, SpeculativePhrase

ERROR, WARNING = "galat", "peringatan"

KINDS = {
    "dugaan": (ERROR, "Dugaan dalam suara kementerian"),
    "tanpa-sumber": (WARNING, "Isi tanpa sumber"),
    "angka-tanpa-sumber": (ERROR, "Angka tanpa sumber"),
    "sumber-ditandai": (ERROR, "Sumber yang ditandai atau alamat terpotong"),
    "kutipan-tidak-dikenal": (ERROR, "Kutipan angka yang tidak bisa ditampilkan"),
    "angka-tanpa-tahun": (ERROR, "Angka tampil tanpa tahun atau periodenya"),
    "sumber-tidak-dikenal": (WARNING, "Sumber di luar daftar domain"),
    "angka-diketik": (WARNING, "Angka diketik, bukan dikutip dari data angka"),
    "tanggal-terlalu-tepat": (WARNING, "Tanggal mungkin lebih tepat daripada sumbernya"),
    "paragraf-kembar": (WARNING, "Paragraf yang sama di beberapa program"),
    "angka-berbeda": (WARNING, "Angka yang sama dengan nilai berbeda"),
}
STATE_OR_SAY_UNKNOWN = "Nyatakan faktanya, atau tulis bahwa kementerian belum mengetahuinya."
# A paragraph this long or longer that appears word for word on two programs was probably copied.
COPIED_PARAGRAPH_MIN = 80


@dataclass(frozen=True)
class Finding:
    item: object
    field: str
    text: str
    kind: str
    message: str

    @property
    def severity(self):
        return KINDS[self.kind][0]

    @property
    def is_error(self):
        return self.severity == ERROR

    @property
    def title(self):
        return KINDS[self.kind][1]

    def line(self):
        """One plain-text line, as the command and the pre-publish check print it."""
        quoted = f": «{self.text}»" if self.text else ""
        return f"{self.title} di «{self.field}»{quoted}. {self.message}"


def audited_items():
    """Everything a reader sees or will see: programs, questions, clarifications and glossary terms that are
    not archived (proposals are checked when they are published, against their live item), and the steps
    shared by programs (public as soon as they are saved)."""
    for model in (Program, Question, Clarification, Term):
        yield from model.objects.exclude(status=Status.ARCHIVED).filter(proposal_for__isnull=True)
    yield from SharedStep.objects.all()


def text_fields(obj):
    """(label, text) of every field written in the ministry's voice. A clarification's claim is the hoax,
    quoted, and a question is the citizen's: neither is audited for guesses or typed numbers."""
    names = [*(["summary"] if isinstance(obj, Program) else []), *getattr(obj, "markdown_fields", ())]
    if isinstance(obj, Term):
        names.insert(0, "short_definition")
    if isinstance(obj, Clarification):
        names.insert(0, "correction")
    return [(obj._meta.get_field(name).verbose_name, getattr(obj, name) or "") for name in names]


class Audit:
    """The lists Humas keep (domains, phrases) and every figure, read once for a whole run."""

    def __init__(self):
        self.domains = SourceDomain.objects.verdicts()
        phrases = sorted(SpeculativePhrase.objects.values_list("phrase", "note"), key=lambda row: -len(row[0]))
        self.notes = {phrase.lower(): note for phrase, note in phrases}
        self.speculation = (
            re.compile(r"(?<!\w)(?:" + "|".join(re.escape(phrase) for phrase, _ in phrases) + r")(?!\w)", re.I)
            if phrases
            else None
        )
        self.figures = Figure.objects.for_rendering().in_bulk(field_name="name")
        self._paragraphs = None

    # Whole runs ---------------------------------------------------------------------------------

    def everything(self):
        items = list(audited_items())
        found = [finding for obj in items for finding in self.item(obj)]
        programs = [obj.pk for obj in items if isinstance(obj, Program)]
        budgets = Budget.objects.filter(Q(program__isnull=True) | Q(program__in=programs)).select_related("program")
        found += [finding for budget in budgets for finding in self.budget(budget)]
        found += [finding for figure in self.figures.values() for finding in self.figure(figure)]
        found += self.disagreeing_figures()
        return found

    def item(self, obj):
        fields = text_fields(obj)
        found = []
        for field, value in fields:
            found += self.guesses(obj, field, value)
            found += self.typed_numbers(obj, field, value)
            found += self.citations(obj, field, value)
        found += self.sources(obj, fields)
        if isinstance(obj, Program):
            found += self.copied_paragraphs(obj, fields)
        if isinstance(obj, Clarification):
            found += self.date_precision(obj)
        return found

    # Kinds of finding ---------------------------------------------------------------------------

    def guesses(self, obj, field, value):
        if self.speculation is None:
            return []
        found = []
        for sentence in read.sentences(read.unquoted(value)):
            phrases = list(dict.fromkeys(match.group(0).lower() for match in self.speculation.finditer(sentence)))
            if phrases:
                advice = self.notes.get(phrases[0]) or STATE_OR_SAY_UNKNOWN
                said = ", ".join(f"«{phrase}»" for phrase in phrases)
                found.append(Finding(obj, field, read.excerpt(sentence, phrases[0]), "dugaan", f"{said}: {advice}"))
        return found

    def typed_numbers(self, obj, field, value):
        found = []
        for sentence in read.sentences(read.without_links(value)):
            numbers = list(dict.fromkeys(match.group(0).strip() for match in read.TYPED_NUMBER.finditer(sentence)))
            if not numbers:
                continue
            message = "Kutip angka ini dari data angka ([[angka:nama]]) agar sama di semua halaman dan bersumber."
            if not read.mentions_year(sentence):
                message += " Kalimat ini juga tidak menyebut tahun berlakunya."
            said = ", ".join(numbers)
            found.append(Finding(obj, field, read.excerpt(sentence, numbers[0]), "angka-diketik", f"{said}. {message}"))
        return found

    def citations(self, obj, field, value):
        found = []
        for name in cited_names(value):
            figure = self.figures.get(name)
            cited = f"[[angka:{name}]]"
            if figure is None:
                found.append(Finding(obj, field, cited, "kutipan-tidak-dikenal", "Tidak ada angka dengan nama ini."))
            elif not figure.is_published:
                message = "Angka ini belum berlaku di situs: halaman akan menampilkan tanda, bukan angkanya."
                found.append(Finding(obj, field, cited, "kutipan-tidak-dikenal", message))
            elif not figure.period_label():
                message = "Angka ini belum punya tahun atau rentang berlaku, jadi tampil seolah berlaku sekarang."
                found.append(Finding(obj, field, cited, "angka-tanpa-tahun", message))
        return found

    def sources(self, obj, fields):
        rows = [row.url for row in obj.sources.all()] if hasattr(obj, "sources") and obj.pk else []
        links = [url for _, value in fields for url in read.urls(value)]
        if not rows and not links:
            what = "jawaban ini" if isinstance(obj, Question) else "isi ini"
            message = f"Untuk {what} belum ada sumber. Tambahkan paling sedikit satu, yang resmi bila ada."
            return [Finding(obj, "sumber", "", "tanpa-sumber", message)]
        return [
            *(finding for url in rows for finding in self.host(obj, "sumber", url)),
            *(finding for field, value in fields for url in read.urls(value) for finding in self.host(obj, field, url)),
        ]

    def host(self, obj, field, url):
        if url.endswith(("...", "\u2026")) or "\u2026" in url or "%E2%80%A6" in url.upper():
            return [Finding(obj, field, url, "sumber-ditandai", "Alamat ini terpotong: salin alamat lengkapnya.")]
        kind = self.host_kind(url)
        if kind == SourceDomain.Kind.FLAGGED:
            message = "Domain ini ditandai (blog, penyalin, unggahan dokumen): ganti dengan sumber aslinya."
            return [Finding(obj, field, url, "sumber-ditandai", message)]
        if kind is None:
            message = "Domain ini belum ada di daftar domain sumber. Pakai sumber resmi, atau minta Penyunting menilai."
            return [Finding(obj, field, url, "sumber-tidak-dikenal", message)]
        return []

    def host_kind(self, url):
        """The kind of the most specific listed domain the address belongs to (blog.x.go.id before go.id)."""
        host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
        parts = host.split(".")
        for start in range(len(parts)):
            kind = self.domains.get(".".join(parts[start:]))
            if kind:
                return kind
        return None

    def date_precision(self, clarification):
        day = clarification.date
        if clarification.date_precision != DatePrecision.DAY or day is None or day.day != 1:
            return []
        stamps = (f"{day:%Y/%m/%d}", f"{day:%Y%m%d}", f"{day:%Y-%m-%d}")
        urls = [row.url for row in clarification.sources.all()] if clarification.pk else []
        if any(stamp in url for url in urls for stamp in stamps):
            return []
        message = "Bila sumbernya hanya menyebut bulan, pilih ketepatan «bulan» agar tampil «Maret 2024»."
        return [Finding(clarification, "tanggal klarifikasi", f"{day:%Y-%m-%d}", "tanggal-terlalu-tepat", message)]

    def copied_paragraphs(self, program, fields):
        found = []
        for field, value in fields:
            for paragraph in read.paragraphs(value):
                key = " ".join(paragraph.lower().split())
                others = [
                    name
                    for pk, name in self.program_paragraphs().get(key, {}).items()
                    if pk not in (program.pk, program.proposal_for_id)
                ]
                if len(key) >= COPIED_PARAGRAPH_MIN and others:
                    message = f"Paragraf yang sama ada di {', '.join(sorted(others))}. Pastikan memang berlaku di sini."
                    found.append(Finding(program, field, read.excerpt(paragraph), "paragraf-kembar", message))
        return found

    def program_paragraphs(self):
        """{normalised paragraph: {program pk: program name}} over every program a reader can see."""
        if self._paragraphs is None:
            self._paragraphs = {}
            for program in Program.objects.exclude(status=Status.ARCHIVED).filter(proposal_for__isnull=True):
                for _, value in text_fields(program):
                    for paragraph in read.paragraphs(value):
                        key = " ".join(paragraph.lower().split())
                        self._paragraphs.setdefault(key, {})[program.pk] = str(program)
        return self._paragraphs

    def budget(self, budget):
        if not (budget.source or budget.source_url):
            message = "Baris anggaran ini belum mencantumkan sumbernya."
            return [Finding(budget, "sumber", str(budget), "angka-tanpa-sumber", message)]
        return self.host(budget, "alamat sumber", budget.source_url) if budget.source_url else []

    def figure(self, figure):
        if figure.is_derived or not figure.is_published:
            # A derived value is computed from figures checked themselves; a figure not yet in force is a
            # draft, and a page citing it is reported by `citations`.
            return []
        if not figure.source_url:
            message = "Angka ini belum mencantumkan alamat sumbernya."
            return [Finding(figure, "alamat sumber", figure.name, "angka-tanpa-sumber", message)]
        return self.host(figure, "alamat sumber", figure.source_url)

    def disagreeing_figures(self):
        """Figures in force that say the same thing (same words, kind, unit, period) with different values:
        e.g. two budget rows of one year and kind taken from two sources."""
        groups = {}
        for figure in self.figures.values():
            if figure.is_published:
                key = (
                    " ".join(figure.label.lower().split()),
                    figure.kind,
                    figure.unit,
                    figure.per,
                    figure.period_label(),
                )
                groups.setdefault(key, []).append(figure)
        found = []
        for figures in groups.values():
            values = {figure.name: figure.current_value() for figure in figures}
            if len(set(values.values()) - {None}) > 1:
                names = ", ".join(
                    f"{name} = {thousands(value)}" for name, value in sorted(values.items()) if value is not None
                )
                message = (
                    f"Angka-angka ini menyebut hal yang sama dengan nilai berbeda ({names}). "
                    "Pilih satu, atau bedakan keterangannya."
                )
                found += [Finding(figure, "nilai", figure.name, "angka-berbeda", message) for figure in figures]
        return found


def audit_content():
    """Every finding in the content, errors first."""
    return sorted(Audit().everything(), key=lambda finding: finding.severity != ERROR)


def audit_item(obj):
    """The findings of one item before it is published: its text, its sources, its budget rows and the
    figures it cites."""
    audit = Audit()
    found = audit.item(obj)
    if isinstance(obj, Program) and obj.pk:
        found += [finding for budget in obj.budgets.all() for finding in audit.budget(budget)]
    cited = {name for _, value in text_fields(obj) for name in cited_names(value)}
    figures = [audit.figures[name] for name in sorted(cited) if name in audit.figures]
    found += [finding for figure in figures for finding in audit.figure(figure)]
    return found
