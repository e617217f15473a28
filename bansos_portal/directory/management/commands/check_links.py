from django.core.management.base import BaseCommand, CommandError

from bansos_portal.directory.links_check import Checker, published_urls, record
from bansos_portal.directory.models import LinkCheck


class Command(BaseCommand):
    help = "Memeriksa semua tautan keluar yang diterbitkan portal dan mencatat yang rusak atau dialihkan."

    def add_arguments(self, parser):
        parser.add_argument("--fail-on-broken", action="store_true", help="Keluar dengan kode 1 bila ada yang rusak.")
        parser.add_argument("--timeout", type=float, default=10, help="Batas waktu per permintaan (detik).")
        parser.add_argument("--workers", type=int, default=4, help="Jumlah pemeriksaan bersamaan.")
        parser.add_argument("--per-host-interval", type=float, default=1.0, help="Jeda antar permintaan per host.")

    def handle(self, *args, **options):
        used_by = published_urls()
        checker = Checker(
            timeout=options["timeout"], workers=options["workers"], per_host_interval=options["per_host_interval"]
        )
        results = record(checker.check_all(list(used_by)), used_by)
        broken = [result for result in results if result.outcome == LinkCheck.Outcome.BROKEN]
        redirected = [result for result in results if result.outcome == LinkCheck.Outcome.REDIRECTED]
        for result in broken:
            self.stdout.write(f"RUSAK {result.url} ({result.error or result.status_code})")
        for result in redirected:
            self.stdout.write(f"DIALIHKAN {result.url} → {result.final_url}")
        skipped = len(used_by) - len(results)
        self.stdout.write(
            f"{len(results)} tautan diperiksa: {len(broken)} rusak, {len(redirected)} dialihkan, {skipped} dilewati."
        )
        if broken and options["fail_on_broken"]:
            raise CommandError(f"{len(broken)} tautan rusak.")
