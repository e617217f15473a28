from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from bansos_portal.content_file.load import ContentError, import_content, parse_content


class Command(BaseCommand):
    help = "Mengimpor isi (program, anggaran, tanya jawab, klarifikasi) dari berkas JSON; aman diulang."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Berkas JSON dalam format yang dijelaskan di README.")

    def handle(self, *args, file, **options):
        try:
            text = Path(file).read_text(encoding="utf-8")
        except OSError as error:
            raise CommandError(f"Berkas tidak dapat dibaca: {error.strerror}: {file}") from None
        except UnicodeDecodeError as error:
            raise CommandError(f"Berkas bukan JSON UTF-8 yang sah: {error}") from None
        try:
            counts = import_content(data=parse_content(text))
        except ContentError as error:
            raise CommandError(f"Tidak ada yang diubah. {error}") from None
        summary = ", ".join(f"{count} {name}" for name, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Impor selesai: {summary}."))
