from django.core.management.base import BaseCommand

from bansos_portal.precheck.demo import load_demo


class Command(BaseCommand):
    help = "Memuat aturan cek bantuan dan contoh keluarga demo (demo_rules.json) untuk program yang sudah ada."

    def handle(self, *args, **options):
        rules, missing, examples = load_demo()
        self.stdout.write(f"Aturan cek bantuan dimuat: {rules}; contoh keluarga: {examples}.")
        if missing:
            self.stdout.write(f"Program belum ada, aturannya dilewati: {', '.join(missing)}.")
