from django.core.management.base import BaseCommand

from bansos_portal.directory.offices import load_offices, verified_offices
from bansos_portal.directory.regions import DATA_SOURCE, known_successors, package_entries, sync_regions


class Command(BaseCommand):
    help = "Memuat atau memperbarui semua provinsi dan kabupaten/kota (kode Kemendagri) dan kantor yang terverifikasi."

    def handle(self, *args, **options):
        report = sync_regions(package_entries(), successors=known_successors())
        offices = load_offices(verified_offices())
        self.stdout.write(f"Sumber: {DATA_SOURCE}. {report} {offices} kantor terverifikasi baru.")
