"""The database's own record that public content changed, for processes that could not tell the cache."""

from django.db import connections, models
from django.db.models import F
from django.utils import timezone

# The one row: a counter is enough, and a single row keeps changes in commit order.
ROW = 1


class ContentChangeQuerySet(models.QuerySet):
    def record(self):
        """Counts one change, in the caller's transaction, so it is seen exactly when the change is."""
        now = timezone.now()
        if not self.filter(pk=ROW).update(number=F("number") + 1, changed_at=now):
            # First change ever (or the row was emptied): bulk_create sends no signal to count again.
            self.bulk_create([ContentChange(pk=ROW, number=1, changed_at=now)], ignore_conflicts=True)

    def number(self):
        """How many content changes the database has committed (0 before the first).

        Asked on every page the store misses: one fixed statement, without building an ORM query."""
        table = connections[self.db].ops.quote_name(self.model._meta.db_table)
        with connections[self.db].cursor() as cursor:
            cursor.execute(f"SELECT number FROM {table} WHERE id = %s", [ROW])
            row = cursor.fetchone()
        return row[0] if row else 0


class ContentChange(models.Model):
    """Counts every save or delete of public content (see page_cache/invalidation.py).

    The page store remembers which number its current generation accounts for; a process that meets a
    higher one starts a new generation, so a change saved by a process that could not reach the cache
    (and exited before it could) still shows on the next page.
    """

    number = models.BigIntegerField("jumlah perubahan", default=0)
    changed_at = models.DateTimeField("perubahan terakhir", default=timezone.now)

    objects = ContentChangeQuerySet.as_manager()

    class Meta:
        verbose_name = "penanda perubahan isi"
        verbose_name_plural = "penanda perubahan isi"

    def __str__(self):
        return f"{self.number} perubahan, terakhir {self.changed_at:%Y-%m-%d %H:%M:%S}"
