from django.core.management.base import BaseCommand
from django.utils.text import slugify

from bansos_portal.links.models import ShortLink
from programs.models import Program


class Command(BaseCommand):
    help = "Membuat tautan pendek /s/<singkatan> untuk setiap program terbit yang belum punya (misalnya /s/pkh)."

    def handle(self, *args, **options):
        created = []
        for program in Program.objects.published().filter(short_links__isnull=True):
            code = slugify(program.acronym or program.slug)[:40]
            # A code already in use keeps pointing where it points: printed links must never change by surprise.
            if code and not ShortLink.objects.filter(code=code).exists():
                ShortLink.objects.create(code=code, program=program)
                created.append(f"/s/{code}")
        self.stdout.write(f"Tautan pendek dibuat: {', '.join(created) if created else 'tidak ada'}.")
