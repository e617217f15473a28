from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from bansos_portal.feedback.models import fold_votes_before


class Command(BaseCommand):
    help = (
        "Fold feedback votes older than --days into daily counts per item and delete them, comments included "
        "(the counts stay for the dashboard; the comments are gone)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=90, help="Keep votes and comments of this many days.")

    def handle(self, *args, days, **options):
        if days < 1:
            self.stderr.write("--days must be at least 1.")
            return
        before = timezone.localdate() - timedelta(days=days)
        folded = fold_votes_before(before)
        self.stdout.write(f"{folded} votes before {before.isoformat()} folded into daily counts and deleted.")
