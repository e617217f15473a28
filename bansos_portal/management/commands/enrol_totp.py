import segno
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Mendaftarkan aplikasi autentikator (TOTP) untuk akun staf dan menampilkan kode QR-nya."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--reset", action="store_true", help="Hapus perangkat lama (ponsel hilang atau diganti).")

    def handle(self, *args, username, reset, **options):
        user = get_user_model().objects.filter(username=username, is_staff=True).first()
        if user is None:
            raise CommandError(f"Tidak ada akun staf bernama {username!r}.")
        devices = TOTPDevice.objects.filter(user=user)
        if devices.filter(confirmed=True).exists() and not reset:
            raise CommandError(f"{username} sudah punya aplikasi autentikator. Pakai --reset untuk menggantinya.")
        devices.delete()
        device = TOTPDevice.objects.create(user=user, name="Aplikasi autentikator", confirmed=True)
        self.stdout.write(f"Pindai kode QR ini dengan aplikasi autentikator {username}:")
        segno.make(device.config_url, error="m").terminal(out=self.stdout, compact=True)
        self.stdout.write(f"Atau masukkan alamat ini: {device.config_url}")
