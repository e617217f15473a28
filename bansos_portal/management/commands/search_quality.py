import json
from argparse import BooleanOptionalAction

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from bansos_portal.content_file.load import DEMO_CONTENT, import_content
from bansos_portal.search import index
from bansos_portal.search.models import SearchEntry
from bansos_portal.search.quality import (
    JUDGED_FILE,
    Bm25Baseline,
    engine_search,
    evaluate,
    format_report,
    load_judged,
)
from faq.models import Category, Clarification, Question
from programs.models import Budget, Program

VENDORS = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


class _RollBack(Exception):
    """Raised at the end of the measured run so that everything it wrote is undone."""


class Command(BaseCommand):
    help = (
        "Mengukur mutu pencarian: kueri yang sudah dinilai dijalankan atas isi demo di basis data ini, "
        "lalu semua perubahan dibatalkan. Gagal bila MRR@10 di bawah target."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--baseline",
            action=BooleanOptionalAction,
            default=True,
            help="Cetak juga laporan pembanding BM25 biasa (bawaan: ya; --no-baseline untuk melewatinya).",
        )
        parser.add_argument("--file", default=str(JUDGED_FILE), help="Berkas JSON kueri yang sudah dinilai.")
        parser.add_argument("--min-mrr", type=float, default=0.85, help="Target MRR@10 seluruh kueri.")
        parser.add_argument("--min-kind-mrr", type=float, default=0.7, help="Target MRR@10 untuk setiap jenis kueri.")

    def handle(self, *args, baseline, file, min_mrr, min_kind_mrr, **options):
        judged = self._judged(file)
        demo = json.loads(DEMO_CONTENT.read_text(encoding="utf-8"))
        vendor = VENDORS.get(connection.vendor, connection.vendor)
        self.stdout.write(f"Basis data: {vendor} ({connection.settings_dict['NAME']})")
        self.stdout.write(f"Kueri: {len(judged)} dari {file}")
        reports = self._measure(judged, demo, baseline)
        if reports["unknown"]:
            # A URL that is not in the demo content can never be found and silently drags every metric down.
            self.stdout.write(self.style.WARNING(f"Alamat yang tidak ada di isi demo: {', '.join(reports['unknown'])}"))
        self.stdout.write("\nMesin pencarian portal")
        self.stdout.write(format_report(reports["engine"]))
        if baseline:
            self.stdout.write("\nPembanding: BM25 biasa (rank-bm25 BM25Okapi, judul dihitung dua kali)")
            self.stdout.write(format_report(reports["baseline"]))
        self._check(reports["engine"], min_mrr, min_kind_mrr)

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
                reports["engine"] = evaluate(engine_search, judged)
                if baseline:
                    reports["baseline"] = evaluate(Bm25Baseline(), judged)
                raise _RollBack
        except _RollBack:
            pass
        return reports

    def _check(self, report, min_mrr, min_kind_mrr):
        misses = []
        if report["overall"]["mrr"] < min_mrr:
            misses.append(f"semua {report['overall']['mrr']:.3f} < {min_mrr:.3f}")
        misses += [
            f"{kind} {summary['mrr']:.3f} < {min_kind_mrr:.3f}"
            for kind, summary in report["kinds"].items()
            if summary["mrr"] < min_kind_mrr
        ]
        if misses:
            raise CommandError(f"MRR@10 di bawah target: {'; '.join(misses)}.")
        met = f"MRR@10 semua >= {min_mrr:.3f}, tiap jenis >= {min_kind_mrr:.3f}"
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
    index.rebuild()
