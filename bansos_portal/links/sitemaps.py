"""sitemap.xml: every published page with its last change, nothing else."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from bansos_portal.directory.models import Region
from bansos_portal.glossary.models import Term
from faq.models import Category, Clarification, Question
from programs.models import Program


class PublishedSitemap(Sitemap):
    model = None

    def items(self):
        return self.model.objects.published().order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class ProgramSitemap(PublishedSitemap):
    model = Program
    priority = 0.9


class QuestionSitemap(PublishedSitemap):
    model = Question


class ClarificationSitemap(PublishedSitemap):
    model = Clarification


class TermSitemap(PublishedSitemap):
    model = Term


class CategorySitemap(Sitemap):
    def items(self):
        published = Question.objects.published()
        return (
            Category.objects.filter(questions__in=published)
            .annotate(lastmod=Max("questions__updated_at"))
            .order_by("pk")
        )

    def lastmod(self, category):
        return category.lastmod


class PageSitemap(Sitemap):
    priority = 0.8

    def items(self):
        return [
            "home",
            "programs:list",
            "programs:budgets",
            "faq:list",
            "faq:clarifications",
            "glossary:list",
            "links:open_data",
            # Who runs the portal, how to reach it, what it records, and the ministry's official accounts.
            "trust:about",
            "trust:contact",
            "trust:privacy",
            "trust:accounts",
        ]

    def location(self, name):
        return reverse(name)


class RegionSitemap(Sitemap):
    def items(self):
        return Region.objects.active().order_by("code").addresses()

    def location(self, region):
        return Region.address_of(region["slug"], region["province_slug"])

    def lastmod(self, region):
        return region["updated_at"]


SITEMAPS = {
    "halaman": PageSitemap,
    "program": ProgramSitemap,
    "kategori": CategorySitemap,
    "tanya-jawab": QuestionSitemap,
    "cek-fakta": ClarificationSitemap,
    "istilah": TermSitemap,
    "dinas-sosial": RegionSitemap,
}
