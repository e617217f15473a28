from django.contrib.contenttypes.models import ContentType
from django.db import connections, models
from django.utils import timezone

from bansos_portal.publishing import Status
from bansos_portal.search.backends import backend_for
from bansos_portal.search.text import query_terms


class SearchEntryQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED, published_at__lte=timezone.now())

    def matching(self, terms):
        return backend_for(connections[self.db]).match(self, terms)

    def search(self, query):
        """Published entries matching `query`: titles holding every word first, then entries holding
        every word, then by how many words the title holds, then by relevance."""
        terms = query_terms(query)
        if not terms:
            return self.none()
        return (
            self.published()
            .matching(terms)
            .order_by("-title_all", "-all_terms", "-title_hits", "-score", "title")
            .defer("title_stems", "summary_stems", "body_stems")
        )


class SearchEntry(models.Model):
    """A denormalised copy of one published-or-draft item, kept current by search.index."""

    class Kind(models.TextChoices):
        PROGRAM = "program", "Program"
        QUESTION = "faq", "Tanya jawab"
        CLARIFICATION = "clarification", "Cek fakta"

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.TextField()
    url = models.CharField(max_length=500)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    title_stems = models.TextField(blank=True)
    summary_stems = models.TextField(blank=True)
    body_stems = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=Status.choices)
    published_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    objects = SearchEntryQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["content_type", "object_id"], name="unique_search_entry")]
        indexes = [models.Index(fields=["status", "published_at"])]
        verbose_name = "entri indeks pencarian"
        verbose_name_plural = "indeks pencarian"

    def __str__(self):
        return self.title
