from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from bansos_portal.audit.findings import audit_content
from bansos_portal.audit.report import by_item, totals
from bansos_portal.content_file.load import ContentError, import_content, parse_content


class _RollBack(Exception):
    """Raised after auditing a content file, so that importing it leaves nothing behind."""


class Command(BaseCommand):
    help = (
        "Memeriksa isi: angka yang diketik, angka dan isi tanpa sumber, sumber di luar daftar domain, kutipan "
        "angka yang tidak dikenal, angka tanpa tahun, tanggal yang terlalu tepat, dugaan dalam suara "
        "kementerian, dan paragraf yang disalin antarprogram. Keluar dengan galat bila ada temuan berstatus galat."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--file",
            help="Berkas isi JSON yang diperiksa: diimpor dalam transaksi yang dibatalkan setelah diperiksa.",
        )
        parser.add_argument("--errors-only", action="store_true", help="Cetak hanya temuan berstatus galat.")

    def handle(self, *args, file=None, errors_only=False, **options):
        findings = self._audit_file(file) if file else audit_content()
        shown = [finding for finding in findings if finding.is_error or not errors_only]
        for report in by_item(shown):
            self.stdout.write(f"\n{report.kind_label}: {report.item}")
            for finding in report.findings:
                self.stdout.write(f"  [{finding.severity}] {finding.line()}")
        count = totals(findings)
        self.stdout.write("\nRingkasan:")
        for title, (severity, number) in count["per_kind"].items():
            self.stdout.write(f"  {number:4d}  {title} ({severity})")
        summary = f"{count['galat']} galat, {count['peringatan']} peringatan."
        if count["galat"]:
            raise CommandError(f"Audit isi gagal: {summary} Galat harus diperbaiki sebelum terbit.")
        self.stdout.write(self.style.SUCCESS(f"Audit isi lolos: {summary}"))

    def _audit_file(self, file):
        try:
            data = parse_content(Path(file).read_text(encoding="utf-8"))
        except OSError as error:
            raise CommandError(f"Berkas tidak dapat dibaca: {error.strerror}: {file}") from None
        except (ContentError, UnicodeDecodeError) as error:
            raise CommandError(f"Berkas tidak sah: {error}") from None
        findings = []
        try:
            with transaction.atomic():
                import_content(data=data)
                findings = audit_content()
                raise _RollBack
        except _RollBack:
            pass
        except ContentError as error:
            raise CommandError(f"Berkas tidak dapat diimpor: {error}") from None
        return findings
