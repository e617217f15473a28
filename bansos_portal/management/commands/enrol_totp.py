import segno
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from bansos_portal.two_factor import issue_enrolment_code


class Command(BaseCommand):
    help = (
        "Mendaftarkan aplikasi autentikator (TOTP) untuk akun staf dan menampilkan kode QR-nya, "
        "atau (--code) membuat kode pendaftaran sekali pakai agar pemilik akun mendaftar sendiri."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--reset", action="store_true", help="Hapus perangkat lama (ponsel hilang atau diganti).")
        parser.add_argument(
            "--code",
            action="store_true",
            help="Buat kode pendaftaran (berlaku 24 jam, sekali pakai) alih-alih menampilkan kode QR.",
        )

    def handle(self, *args, username, reset, code, **options):
        user = get_user_model().objects.filter(username=username, is_staff=True).first()
        if user is None:
            raise CommandError(f"Tidak ada akun staf bernama {username!r}.")
        devices = TOTPDevice.objects.filter(user=user)
        if devices.filter(confirmed=True).exists() and not reset:
            raise CommandError(f"{username} sudah punya aplikasi autentikator. Pakai --reset untuk menggantinya.")
        if code:
            enrolment_code = issue_enrolment_code(user)
            self.stdout.write(f"Kode pendaftaran untuk {username} (sekali pakai, berlaku 24 jam): {enrolment_code}")
            self.stdout.write("Berikan langsung kepada pemilik akun; kode ini tidak bisa ditampilkan lagi.")
            return
        devices.delete()
        device = TOTPDevice.objects.create(user=user, name="Aplikasi autentikator", confirmed=True)
        self.stdout.write(f"Pindai kode QR ini dengan aplikasi autentikator {username}:")
        segno.make(device.config_url, error="m").terminal(out=self.stdout, compact=True)
        self.stdout.write(f"Atau masukkan alamat ini: {device.config_url}")
