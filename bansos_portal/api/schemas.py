"""The shapes of /api/v1/'s answers, one Schema each. Every answer is built by these classes and the
OpenAPI document is generated from them, so the two cannot drift apart. Class names are the
document's component names; URLs are absolute, built from the request in the validation context."""

import html
from datetime import date, datetime
from typing import Annotated, Literal

from django.urls import reverse
from django.utils.html import strip_tags
from ninja import Schema
from pydantic import ConfigDict, Field, PlainSerializer, WithJsonSchema

from bansos_portal.search.models import SearchEntry
from faq.models import Clarification as ClarificationModel
from programs.models import SECTIONS
from programs.models import BenefitComponent as BenefitComponentModel

# Dates as Python writes them (isoformat), not as Django's JSON encoder would shorten them.
DateTime = Annotated[
    datetime, PlainSerializer(datetime.isoformat), WithJsonSchema({"type": "string", "format": "date-time"})
]
Date = Annotated[date, PlainSerializer(date.isoformat), WithJsonSchema({"type": "string", "format": "date"})]
Url = Annotated[str, WithJsonSchema({"type": "string", "format": "uri"})]
NullableUrl = Annotated[str | None, WithJsonSchema({"type": ["string", "null"], "format": "uri"})]
# Documented, not enforced: the admin accepts any whole number, and a typo there must not break the API.
Rupiah = Annotated[int, WithJsonSchema({"type": "integer", "minimum": 0, "description": "Rupiah, bilangan bulat."})]
Count = Annotated[int | None, WithJsonSchema({"type": ["integer", "null"], "minimum": 0})]


def choice(values):
    return Literal[tuple(values)]


def absolute(context, path):
    return context["request"].build_absolute_uri(path)


def address_of(url_name):
    """A resolver: the absolute address of the route `url_name` for the object's slug."""
    return staticmethod(lambda item, context: absolute(context, reverse(url_name, args=[item.slug])))


class Shape(Schema):
    # The answers carry exactly the declared keys; the document says so to validators and generators.
    model_config = ConfigDict(json_schema_extra={"additionalProperties": False})


class OnSite(Shape):
    """Something with a page of its own on the site; each shape places its `url` field itself."""

    @staticmethod
    def resolve_url(item, context):
        return absolute(context, item.get_absolute_url())


class Error(Shape):
    error: str


class Source(Shape):
    title: str
    url: Url


class BenefitComponent(Shape):
    name: str
    amount: Rupiah
    period: choice(BenefitComponentModel.Period.values)
    period_label: str
    year: int
    note: str

    @staticmethod
    def resolve_period_label(component):
        return component.get_period_display()


class Budget(Shape):
    year: int
    program: str | None = Field(description="Slug program; null untuk seluruh Kementerian Sosial.")
    label: str
    label_display: str
    allocation: Rupiah
    realisation: Count
    beneficiaries: Count
    source: str
    source_url: str

    @staticmethod
    def resolve_program(budget):
        return budget.program.slug if budget.program_id else None

    @staticmethod
    def resolve_label_display(budget):
        return budget.get_label_display()


class Program(OnSite):
    slug: str
    name: str
    acronym: str
    summary: str
    agency: str
    url: Url
    api_url: Url
    published_at: DateTime
    updated_at: DateTime
    components: list[BenefitComponent]
    budgets: list[Budget]

    resolve_api_url = address_of("api_program")


class Section(Shape):
    anchor: choice(anchor for _, anchor, _ in SECTIONS)
    heading: str
    url: Url
    html: str = Field(description="HTML yang sudah disaring.")


class ProgramDetail(Program):
    sections: list[Section]
    sources: list[Source]
    embed_url: Url
    leaflet_url: Url
    feed_url: Url

    @staticmethod
    def resolve_sections(program, context):
        page = program.get_absolute_url()
        return [
            {"anchor": anchor, "heading": heading, "url": absolute(context, f"{page}#{anchor}"), "html": text}
            for anchor, heading, text in program.sections()
        ]

    resolve_embed_url = address_of("links:embed_program")
    resolve_leaflet_url = address_of("links:leaflet")
    resolve_feed_url = address_of("links:program_feed")


class Category(OnSite):
    slug: str
    name: str
    description: str
    url: Url
    question_count: int


class Question(OnSite):
    slug: str
    question: str
    answer_html: str
    category: str
    programs: list[str]
    url: Url
    embed_url: Url
    published_at: DateTime
    updated_at: DateTime

    @staticmethod
    def resolve_category(question):
        return question.category.slug

    @staticmethod
    def resolve_programs(question):
        return [program.slug for program in question.public_programs]

    resolve_embed_url = address_of("links:embed_question")


class Clarification(OnSite):
    slug: str
    claim: str
    correction: str
    verdict: choice(ClarificationModel.Verdict.values)
    verdict_label: str
    explanation_html: str
    date: Date
    programs: list[str]
    sources: list[Source]
    url: Url
    published_at: DateTime
    updated_at: DateTime

    @staticmethod
    def resolve_verdict_label(clarification):
        return clarification.get_verdict_display()

    @staticmethod
    def resolve_programs(clarification):
        return [program.slug for program in clarification.public_programs]


class SearchResult(Shape):
    type: choice(SearchEntry.Kind.values)
    slug: str
    title: str
    url: Url
    snippet: str

    @staticmethod
    def resolve_type(entry):
        return entry.kind

    @staticmethod
    def resolve_url(entry, context):
        return absolute(context, entry.url)

    @staticmethod
    def resolve_snippet(entry):
        return html.unescape(strip_tags(entry.snippet_html))


class SearchResults(Shape):
    query: str
    total: int = Field(ge=0)
    suggestion: str | None
    results: list[SearchResult]


class Page(Shape):
    """One page of a list; `results` is declared by each list's own page."""

    count: int = Field(ge=0)
    page: int = Field(ge=1)
    pages: int = Field(ge=1)
    next: NullableUrl
    previous: NullableUrl


class ProgramPage(Page):
    results: list[Program]


class CategoryPage(Page):
    results: list[Category]


class QuestionPage(Page):
    results: list[Question]


class ClarificationPage(Page):
    results: list[Clarification]


class BudgetPage(Page):
    results: list[Budget]


ETAG_HEADERS = {"ETag": {"schema": {"type": "string"}}, "Last-Modified": {"schema": {"type": "string"}}}
IF_NONE_MATCH = {
    "name": "If-None-Match",
    "in": "header",
    "required": False,
    "description": "ETag dari jawaban sebelumnya; 304 bila belum berubah.",
    "schema": {"type": "string"},
}


def answers(schema):
    """What every GET of /api/v1/ declares besides its own parameters: the answers it may give
    (errors are an Error), and revalidation with the ETag."""
    errors = dict.fromkeys((400, 404, 405, 503), Error)
    return {
        "response": {200: schema, 304: None, **errors},
        "openapi_extra": {"parameters": [IF_NONE_MATCH], "responses": {200: {"headers": ETAG_HEADERS}}},
    }
