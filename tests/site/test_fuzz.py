"""Property-based tests (hypothesis): hostile input never yields a script, and never a server error.

Run on PostgreSQL as well as SQLite: PostgreSQL refuses NUL bytes in text, which SQLite lets through.
"""

import json
from html.parser import HTMLParser
from urllib.parse import quote

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bansos_portal.rich_text import render_markdown
from programs.models import BenefitComponent, Budget, Program

PUBLISHED = "published"

FUZZ = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

ATTACKS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    "<svg onload=alert(1)>",
    '<a href="javascript:alert(1)">klik</a>',
    "[klik](javascript:alert(1))",
    "[klik](JaVaScRiPt:alert(1))",
    "[klik]( javascript:alert(1))",
    "[klik](&#106;avascript:alert(1))",
    "[klik](java\tscript:alert(1))",
    "![gambar](javascript:alert(1))",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<p onmouseover="alert(1)">x</p>',
    "<math><mi xlink:href=javascript:alert(1)>x</mi></math>",
    '<form action="javascript:alert(1)"><button>x</button></form>',
    "<<script>script>alert(1)<</script>/script>",
    '"><script>alert(1)</script>',
    "<object data=javascript:alert(1)>",
    "<base href=javascript:alert(1)//>",
    "```\n<script>alert(1)</script>\n```",
    "`<script>`",
    "**tebal** *miring* [sah](https://kemensos.go.id)",
]
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "background", "poster"}
hostile_markdown = st.lists(st.sampled_from(ATTACKS) | st.text(max_size=40), max_size=8).map("".join)


class DangerFinder(HTMLParser):
    """Collects what could run code: script elements, event handlers, javascript:/data: URLs, styles.
    A JSON-LD data block is not code, but its text must be JSON the page's text could not break out of."""

    def __init__(self, allowed_script_prefix=None):
        super().__init__(convert_charrefs=True)
        self.allowed_script_prefix = allowed_script_prefix
        self.found = []
        self.data_block = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and attributes.get("type") == "application/ld+json" and "src" not in attributes:
            self.data_block = []
        elif tag == "script" and not (
            self.allowed_script_prefix and (attributes.get("src") or "").startswith(self.allowed_script_prefix)
        ):
            self.found.append(f"<script> {attributes}")
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                self.found.append(f"{tag} {name}")
            if name in URL_ATTRIBUTES and value:
                # What a browser's URL parser reads: outer controls and spaces trimmed, tabs and newlines dropped.
                squashed = "".join(ch for ch in value.strip("".join(map(chr, range(33)))) if ch not in "\t\n\r").lower()
                if squashed.startswith(("javascript:", "vbscript:", "data:text/html")):
                    self.found.append(f"{tag} {name}={value!r}")

    def handle_data(self, data):
        if self.data_block is not None:
            self.data_block.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self.data_block is not None:
            try:
                json.loads("".join(self.data_block))
            except ValueError:
                self.found.append("JSON-LD block that is not JSON")
            self.data_block = None


def dangers(html, allowed_script_prefix=None):
    finder = DangerFinder(allowed_script_prefix)
    finder.feed(html)
    finder.close()
    return finder.found


@FUZZ
@given(text=hostile_markdown)
def test_hostile_markdown_never_renders_anything_that_runs(text):
    assert dangers(render_markdown(text)) == []


@pytest.mark.django_db
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=hostile_markdown)
def test_hostile_content_never_reaches_a_page_as_code(make_program, text):
    text = text.replace("\x00", "")  # the admin's forms refuse NUL bytes before they reach the database
    program, _ = Program.objects.update_or_create(
        slug="uji-hostile",
        defaults={"name": "Uji", "summary": text[:400], "description": text, "eligibility": text, "status": PUBLISHED},
    )
    # The benefit and budget tables write their rows in Python (templatetags/tables.py): text typed into
    # a row's name, note or source is escaped there too.
    BenefitComponent.objects.update_or_create(
        program=program, year=2025, defaults={"name": text[:200] or "Uji", "note": text[:300], "amount": 1_000}
    )
    Budget.objects.update_or_create(
        program=program, year=2025, defaults={"label": "pagu", "allocation": 10**12, "source": text[:300]}
    )

    for page in (program.get_absolute_url(), "/anggaran/"):
        html = Client().get(page).text
        assert dangers(html, allowed_script_prefix="/static/") == []


@pytest.fixture
def content(make_program, make_question, make_clarification, make_budget, make_component):
    program = make_program(slug="pkh", acronym="PKH")
    make_component(program)
    question = make_question(slug="kapan-cair")
    question.programs.add(program)
    make_clarification(slug="hoaks-link")
    make_budget(program=program)


ENDPOINTS = [
    "/",
    "/program/",
    "/program/pkh/",
    "/anggaran/",
    "/anggaran/anggaran-bansos.csv",
    "/tanya-jawab/",
    "/tanya-jawab/kategori/pendaftaran/",
    "/tanya-jawab/kapan-cair/",
    "/cek-fakta/",
    "/cek-fakta/hoaks-link/",
    "/cari/",
    "/cari/saran/",
    "/api/v1/search/",
    "/healthz",
    "/readyz",
]
PARAM_NAMES = ["q", "page", "jenis", "type", "program", "limit", "pratinjau", "preview", "format", "kategori"]
NASTY = ["\x00", "%00", "-1", "9" * 30, "' OR 1=1 --", "../../etc/passwd"]
hostile_text = st.text(max_size=60) | st.sampled_from(NASTY)
params = st.dictionaries(st.sampled_from(PARAM_NAMES) | st.text(min_size=1, max_size=10), hostile_text, max_size=4)


@pytest.mark.django_db
@FUZZ
@given(endpoint=st.sampled_from(ENDPOINTS), query=params)
def test_no_public_endpoint_answers_500_to_any_parameters(content, endpoint, query):
    response = Client(raise_request_exception=False).get(endpoint, query)

    assert response.status_code < 500, (endpoint, query)


@pytest.mark.django_db
@FUZZ
@given(endpoint=st.sampled_from(ENDPOINTS), tail=st.text(max_size=40))
def test_no_public_path_answers_500(content, endpoint, tail):
    path = endpoint.rstrip("/") + "/" + quote(tail, safe="/")

    response = Client(raise_request_exception=False).get(path)

    assert response.status_code < 500, path
