import json
from argparse import BooleanOptionalAction

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from bansos_portal.content_file.load import DEMO_CONTENT, import_content
from bansos_portal.directory.offices import load_offices, verified_offices
from bansos_portal.directory.regions import known_successors, package_entries, sync_regions
from bansos_portal.search import index
from bansos_portal.search.models import SearchEntry
from bansos_portal.search.quality import (
    HALVES,
    JUDGED_FILE,
    Bm25Baseline,
    engine_search,
    evaluate,
    format_comparison,
    format_report,
    load_judged,
    not_beating_baseline,
)
from faq.models import Category, Clarification, Question
from programs.models import Budget, Program

VENDORS = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


class _RollBack(Exception):
    """Raised at the end of the measured run so that everything it wrote is undone."""


class Command(BaseCommand):
    help = (
        "Mengukur mutu pencarian: kueri yang sudah dinilai dijalankan atas isi demo di basis data ini, "
        "lalu semua perubahan dibatalkan. Gagal bila MRR@10 di bawah target, bila separuh uji (held-out) "
        "tertinggal jauh dari separuh penyetelan, atau bila kueri cara (howto) mendapat klarifikasi di urutan pertama."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--baseline",
            action=BooleanOptionalAction,
            default=True,
            help=(
                "Ukur juga pembanding BM25 biasa dan gagal bila portal tidak mengunggulinya pada setiap jenis "
                "(bawaan: ya; --no-baseline untuk melewatinya)."
            ),
        )
        parser.add_argument("--file", default=str(JUDGED_FILE), help="Berkas JSON kueri yang sudah dinilai.")
        parser.add_argument("--min-mrr", type=float, default=0.90, help="Target MRR@10 seluruh kueri.")
        parser.add_argument("--min-kind-mrr", type=float, default=0.80, help="Target MRR@10 untuk setiap jenis kueri.")
        parser.add_argument(
            "--max-gap",
            type=float,
            default=0.05,
            help="Selisih MRR@10 terbesar yang diterima antara separuh penyetelan dan separuh uji (held-out).",
        )

    def handle(self, *args, baseline, file, min_mrr, min_kind_mrr, max_gap, **options):
        judged = self._judged(file)
        demo = json.loads(DEMO_CONTENT.read_text(encoding="utf-8"))
        vendor = VENDORS.get(connection.vendor, connection.vendor)
        self.stdout.write(f"Basis data: {vendor} ({connection.settings_dict['NAME']})")
        self.stdout.write(f"Kueri: {len(judged)} dari {file}")
        reports = self._measure(judged, demo, baseline)
        if reports["unknown"]:
            # A URL that is not in the demo content can never be found and silently drags every metric down.
            self.stdout.write(self.style.WARNING(f"Alamat yang tidak ada di isi demo: {', '.join(reports['unknown'])}"))
        self._print(reports["engine"], "Mesin pencarian portal")
        if baseline:
            self._print(reports["baseline"], "Pembanding: BM25 biasa (rank-bm25 BM25Okapi, judul dihitung dua kali)")
            self.stdout.write("\nMRR@10 portal dibanding BM25 biasa, per jenis")
            self.stdout.write(format_comparison(reports["engine"], reports["baseline"]))
        first = reports["engine"]["howto_clarification_first"]
        self.stdout.write(f"\nKueri cara (howto) dengan klarifikasi di urutan pertama: {len(first)}")
        for query in first:
            self.stdout.write(f"  - {query}")
        self._check(reports["engine"], reports.get("baseline"), min_mrr, min_kind_mrr, max_gap)

    def _print(self, report, title):
        self.stdout.write(f"\n{title}")
        self.stdout.write(format_report(report))
        for half in HALVES:
            self.stdout.write(f"\n{title}, separuh {half}")
            self.stdout.write(format_report(report["halves"][half]))

    def _judged(self, file):
        try:
            return load_judged(file)
        except OSError as error:
            raise CommandError(f"Berkas kueri tidak dapat dibaca: {error.strerror}: {file}") from None
        except (UnicodeDecodeError, json.JSONDecodeError, ValueError) as error:
            raise CommandError(f"Berkas kueri tidak sah: {error}") from None

    def _measure(self, judged, demo, baseline):
        reports = {}
        try:
            with transaction.atomic():
                _load_demo_only(demo)
                published = set(SearchEntry.objects.published().values_list("url", flat=True))
                reports["unknown"] = sorted({url for item in judged for url in item["relevant"]} - published)
                clarifications = set(
                    SearchEntry.objects.filter(kind=SearchEntry.Kind.CLARIFICATION).values_list("url", flat=True)
                )
                reports["engine"] = evaluate(engine_search, judged, clarifications=clarifications)
                if baseline:
                    reports["baseline"] = evaluate(Bm25Baseline(), judged, clarifications=clarifications)
                raise _RollBack
        except _RollBack:
            pass
        return reports

    def _check(self, report, baseline, min_mrr, min_kind_mrr, max_gap):
        misses = []
        if report["overall"]["mrr"] < min_mrr:
            misses.append(f"semua {report['overall']['mrr']:.3f} < {min_mrr:.3f}")
        misses += [
            f"{kind} {summary['mrr']:.3f} < {min_kind_mrr:.3f}"
            for kind, summary in report["kinds"].items()
            if summary["mrr"] < min_kind_mrr
        ]
        tuning, held_out = (report["halves"][half]["overall"] for half in HALVES)
        if held_out["n"] and tuning["n"] and held_out["mrr"] < tuning["mrr"] - max_gap:
            misses.append(f"held-out {held_out['mrr']:.3f} < tuning {tuning['mrr']:.3f} - {max_gap:.3f}")
        if report["howto_clarification_first"]:
            misses.append(f"{len(report['howto_clarification_first'])} kueri cara (howto) mendapat klarifikasi pertama")
        if baseline:
            misses += [
                f"{label} {portal:.3f} tidak mengungguli BM25 {bm25:.3f}"
                for label, portal, bm25 in not_beating_baseline(report, baseline)
            ]
        if misses:
            raise CommandError(f"MRR@10 di bawah target: {'; '.join(misses)}.")
        met = (
            f"MRR@10 semua >= {min_mrr:.3f}, tiap jenis >= {min_kind_mrr:.3f}, held-out tidak lebih dari "
            f"{max_gap:.3f} di bawah tuning, tidak ada kueri cara dengan klarifikasi pertama"
            + (", di atas BM25 biasa pada setiap jenis" if baseline else "")
        )
        self.stdout.write(self.style.SUCCESS(f"\nTarget tercapai ({met})."))


def _load_demo_only(demo):
    """Make the demo content the only content, so the numbers never depend on what the database held.

    Only called inside the rolled-back transaction. The index is then rebuilt by the engine's own
    rebuild, so whatever the engine derives from content (entries, vocabulary) matches the demo.
    """
    Question.objects.all().delete()  # before categories, which questions protect
    Clarification.objects.all().delete()
    Program.objects.all().delete()
    Category.objects.all().delete()
    Budget.objects.all().delete()
    import_content(data=demo)
    # The demo site holds every region's Dinas Sosial page too: offices must not crowd out the answers.
    sync_regions(package_entries(), successors=known_successors())
    load_offices(verified_offices())
    index.rebuild()
