from django.core.management.base import BaseCommand

from bansos_portal.search.index import rebuild


class Command(BaseCommand):
    help = "Membangun ulang indeks pencarian dari semua program, tanya jawab dan klarifikasi."

    def handle(self, *args, **options):
        count = rebuild()
        self.stdout.write(self.style.SUCCESS(f"Indeks pencarian dibangun ulang: {count} entri."))
