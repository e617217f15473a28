from django.conf import settings
from django.contrib.auth.models import Group, Permission, User
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from bansos_portal.editorial.roles import ensure_roles
from bansos_portal.two_factor import issue_enrolment_code

USERNAME = "humas"
PASSWORD = "humas-lokal-2026"


class Command(BaseCommand):
    help = "Membuat akun Humas demo untuk pengembangan lokal (hanya saat DEBUG=True)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Akun demo hanya dibuat untuk pengembangan lokal (DEBUG=True), tidak di produksi.")
        # Locally the demo account holds the Administrator role, so every Humas journey can be tried.
        group = ensure_roles(Group, Permission)["Administrator"]
        user, _ = User.objects.get_or_create(username=USERNAME, defaults={"first_name": "Humas", "last_name": "Demo"})
        user.is_staff = True
        user.set_password(PASSWORD)
        user.save()
        user.groups.add(group)
        self.stdout.write(f"Akun Humas demo: nama pengguna {USERNAME}, kata sandi {PASSWORD}")
        if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            # Only needed with TWO_FACTOR_REQUIRED=True; `make run` turns the second factor off.
            code = issue_enrolment_code(user)
            self.stdout.write(f"Kode pendaftaran autentikator (bila verifikasi dua langkah menyala): {code}")
