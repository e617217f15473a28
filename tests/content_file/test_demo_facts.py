"""The shipped demo content tells citizens facts, each with its source, in the ministry's own voice.

The ministry states a fact or says it does not know; it never guesses. Every answer says where its
facts come from, every clarification names its sources, and the PKH page never names a family
maximum that its own benefit table contradicts. Most checks read the content file itself, the way the
import reads it; two load it into the site and look at what a citizen sees."""

import json
import re

import pytest
from django.urls import reverse

from bansos_portal.content_file.load import DEMO_CONTENT
from faq.models import Clarification, Question
from programs.page_sections import SECTIONS

DEMO_FILE = DEMO_CONTENT

# Words that make the ministry sound like it is guessing ("probably", "according to one source"...).
GUESSES = re.compile(
    r"\b(kemungkinan|mungkin|diperkirakan|sepertinya|barangkali|hampir pasti|bisa jadi)\b|menurut satu sumber",
    re.IGNORECASE,
)
LINK = r"\[[^\]]+\]\(https?://[^)\s]+\)"
SOURCE_LINE = re.compile(rf"^Sumber: {LINK}(; {LINK})*$")
RUPIAH = re.compile(r"Rp\s?([0-9][0-9.]*(?:,[0-9]+)?)\s*(juta|miliar|triliun)?", re.IGNORECASE)
CAP_WORDS = re.compile(r"paling banyak|maksimal|maksimum|tertinggi", re.IGNORECASE)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n")  # a sentence, or a list item
MULTIPLIERS = {"": 1, "juta": 10**6, "miliar": 10**9, "triliun": 10**12}
PKH_COMPONENT_CAP = 4  # "maksimal empat komponen per keluarga"


def demo():
    return json.loads(DEMO_FILE.read_text(encoding="utf-8"))


def citizen_texts(content):
    """(where, text) of every text a citizen reads on a program, answer or clarification page."""
    for program in content["programs"]:
        for field in ("summary", *(field for field, _, _ in SECTIONS)):
            yield f"program {program['slug']}.{field}", program.get(field, "")
    for question in content["faq"]:
        yield f"tanya jawab {question['slug']}", question["answer"]
    for clarification in content["clarifications"]:
        yield f"klarifikasi {clarification['slug']}", clarification["explanation"]


def test_no_program_answer_or_clarification_guesses():
    guesses = [(where, match.group(0)) for where, text in citizen_texts(demo()) for match in GUESSES.finditer(text)]

    assert guesses == []


def test_every_answer_ends_with_the_sources_of_its_facts():
    content = demo()
    last_lines = {question["slug"]: question["answer"].strip().splitlines()[-1] for question in content["faq"]}

    assert {slug: line for slug, line in last_lines.items() if not SOURCE_LINE.match(line)} == {}


def test_every_clarification_names_a_source():
    content = demo()

    assert [c["slug"] for c in content["clarifications"] if not c.get("sources")] == []


def rupiah(number, unit):
    whole, _, fraction = number.replace(".", "").partition(",")
    scale = MULTIPLIERS[(unit or "").lower()]
    return int(whole) * scale + (int(fraction) * scale // 10 ** len(fraction) if fraction else 0)


def largest_family_total(pkh):
    """The most a family can get a year under the four-component cap: the four largest of the latest year."""
    yearly = [c for c in pkh["benefit_components"] if c["period"] == "year"]
    latest = max(c["year"] for c in yearly)
    return sum(sorted((c["amount"] for c in yearly if c["year"] == latest), reverse=True)[:PKH_COMPONENT_CAP])


def test_pkh_page_names_no_family_maximum_its_own_table_contradicts():
    content = demo()
    (pkh,) = [program for program in content["programs"] if program["slug"] == "pkh"]
    texts = [pkh[field] for field, _, _ in SECTIONS if pkh.get(field)]
    texts += [question["answer"] for question in content["faq"] if "pkh" in question.get("programs", [])]

    stated = [
        (sentence.strip(), rupiah(*amount.groups()))
        for text in texts
        for sentence in SENTENCE_END.split(text)
        if CAP_WORDS.search(sentence)
        for amount in RUPIAH.finditer(sentence)
    ]

    largest = largest_family_total(pkh)
    assert [(sentence, amount) for sentence, amount in stated if amount != largest] == []
    assert "paling banyak **empat komponen**" in pkh["eligibility"]  # the rule itself is stated


def test_education_and_health_programs_send_citizens_to_the_right_office():
    content = demo()
    programs = {program["slug"]: program for program in content["programs"]}
    answers = {question["slug"]: question["answer"] for question in content["faq"]}

    assert "Kemendikdasmen" in answers["siapa-yang-bisa-mendapat-pip"]
    assert "pip.kemendikdasmen.go.id" in programs["pip"]["registration"]
    assert "BNI" in programs["pip"]["disbursement"] and "BSI" in programs["pip"]["disbursement"]
    # Swallowed KKS cards concern the card programs, not rehabilitation, house repair or health insurance.
    assert [slug for slug in ("atensi", "rutilahu", "pbi-jk") if "tertelan" in programs[slug]["complaints"]] == []
    assert "Care Center 165" in programs["pbi-jk"]["complaints"]


@pytest.fixture
def loaded(demo_import):
    """The shipped demo content (loaded once for the tests that ask for it)."""


def test_loaded_answers_show_their_sources_as_links_and_clarifications_keep_them(loaded, client):
    question = Question.objects.get(slug="berapa-paling-banyak-pkh-untuk-satu-keluarga")

    page = client.get(question.get_absolute_url()).text

    assert "Sumber:" in page and re.search(r'<a href="https?://[^"]+"[^>]*>Poskota, 15 Juli 2024</a>', page)
    assert not Clarification.objects.filter(sources__isnull=True).exists()


def test_loaded_budget_page_shows_the_2020_and_2022_realisations(loaded, client):
    page = client.get(reverse("programs:budgets")).text

    assert "2020 · Realisasi" in page and "Rp130,3 triliun" in page
    assert "2022 · Realisasi" in page and "Rp96,53 triliun" in page
