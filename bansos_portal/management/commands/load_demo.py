from django.core.management import call_command
from django.core.management.base import BaseCommand

from bansos_portal.content_file.load import DEMO_CONTENT
from programs.models import Program


class Command(BaseCommand):
    help = "Mengisi basis data kosong dengan isi demo dan membuat akun Humas demo (hanya DEBUG=True)."

    def handle(self, *args, **options):
        # Never overwrite what someone already wrote: the demo goes only into an empty database.
        if Program.objects.exists():
            self.stdout.write("Basis data sudah berisi; isi demo tidak dimuat ulang.")
        else:
            call_command("import_content", str(DEMO_CONTENT), stdout=self.stdout)
            call_command("create_short_links", stdout=self.stdout)  # /s/pkh and friends, for the links kit
            call_command("load_precheck_demo", stdout=self.stdout)
        call_command("create_demo_account", stdout=self.stdout)
        call_command("load_regions", stdout=self.stdout)  # idempotent: regions, verified offices, office roles
