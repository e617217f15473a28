from django.conf import settings
from django.contrib.auth.models import Group, Permission, User
from django.core.management.base import BaseCommand, CommandError

USERNAME = "humas"
PASSWORD = "humas-lokal-2026"
CONTENT_APPS = ["programs", "faq", "editorial", "bansos_portal", "auth"]


class Command(BaseCommand):
    help = "Membuat akun Humas demo untuk pengembangan lokal (hanya saat DEBUG=True)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Akun demo hanya dibuat untuk pengembangan lokal (DEBUG=True), tidak di produksi.")
        # The Administrator role (created by a migration) may do everything Humas does, locally.
        group, _ = Group.objects.get_or_create(name="Administrator")
        if not group.permissions.exists():
            group.permissions.set(Permission.objects.filter(content_type__app_label__in=CONTENT_APPS))
        user, _ = User.objects.get_or_create(username=USERNAME, defaults={"first_name": "Humas", "last_name": "Demo"})
        user.is_staff = True
        user.set_password(PASSWORD)
        user.save()
        user.groups.add(group)
        self.stdout.write(f"Akun Humas demo: nama pengguna {USERNAME}, kata sandi {PASSWORD}")
