import json
from pathlib import Path

from django.core.management.base import BaseCommand

from bansos_portal.content_file.dump import export_content


class Command(BaseCommand):
    help = "Mengekspor semua isi, termasuk draf, ke berkas JSON (atau ke layar) dalam format impor."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="Berkas tujuan; tanpa ini, JSON ditulis ke layar.")

    def handle(self, *args, file=None, **options):
        text = json.dumps(export_content(), ensure_ascii=False, indent=2) + "\n"
        if file:
            Path(file).write_text(text, encoding="utf-8")
            self.stderr.write(self.style.SUCCESS(f"Ekspor selesai: {file}"))
        else:
            self.stdout.write(text, ending="")
