from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from bansos_portal.search.models import SearchQueryStat


class Command(BaseCommand):
    help = "Menghapus statistik pencarian yang lebih tua dari sejumlah hari (bawaan 180)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=180, help="Simpan statistik sebanyak hari ini.")

    def handle(self, *args, days, **options):
        cutoff = timezone.localdate() - timedelta(days=max(days, 0))
        deleted, _ = SearchQueryStat.objects.filter(day__lt=cutoff).delete()
        self.stdout.write(self.style.SUCCESS(f"{deleted} baris statistik sebelum {cutoff:%d-%m-%Y} dihapus."))
