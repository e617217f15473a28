"""Every page type runs a fixed, small number of queries, however much content there is."""

import pytest

from tests.conftest import queries_for

# Page type → (address on the demo content, the most queries it may run).
PAGES = {
    "home": ("/", 5),
    "program list": ("/program/", 1),
    "program page": ("/program/pkh/", 10),  # and its shared steps
    "budgets": ("/anggaran/", 2),
    "budget CSV": ("/anggaran/anggaran-bansos.csv", 1),
    "FAQ by category": ("/tanya-jawab/", 3),
    "FAQ category": ("/tanya-jawab/kategori/daftar/", 3),
    # Answer, clarification and program pages read the glossary once (kept per content change when cached).
    "FAQ entry": ("/tanya-jawab/kapan-bantuan-pkh-cair/", 6),
    "clarification list": ("/cek-fakta/", 2),
    "clarification": ("/cek-fakta/hoaks-subsidi-ppkm-rp300-ribu-subsidippkm-online/", 6),
    "search": ("/cari/?q=kapan+pkh+cair", 12),
    "search suggestions": ("/cari/saran/?q=pkh", 4),
    "search API": ("/api/v1/search/?q=pkh", 12),
    "liveness probe": ("/healthz", 0),
    "readiness probe": ("/readyz", 1),
}

# A search runs a few more queries when what it finds has facets or suggestions; it stays under its bound.
FOUND_DEPENDENT = {"search", "search API"}


def count_queries(client, url):
    response, count = queries_for(client, url)
    assert response.status_code == 200, url
    return count


@pytest.fixture
def demo(demo_import):
    """The shipped demo content (loaded once for the tests that ask for it)."""


def more_of_everything(make_program, make_question, make_clarification, make_budget, make_component, category):
    for number in range(5):
        program = make_program()
        make_component(program)
        make_budget(year=2000 + number, program=program)
        question = make_question()
        question.programs.add(program)
        clarification = make_clarification()
        clarification.programs.add(program)


def test_every_page_type_runs_a_fixed_small_number_of_queries(
    client, demo, make_program, make_question, make_clarification, make_budget, make_component, category
):
    client.get("/cari/?q=pemanasan")  # the search vocabulary is loaded once per process
    before = {name: count_queries(client, url) for name, (url, _) in PAGES.items()}

    more_of_everything(make_program, make_question, make_clarification, make_budget, make_component, category)
    after = {name: count_queries(client, url) for name, (url, _) in PAGES.items()}

    for name, (_, most) in PAGES.items():
        assert before[name] <= most and after[name] <= most, f"{name}: {before[name]}, then {after[name]} queries"
        if name not in FOUND_DEPENDENT:
            assert after[name] == before[name], f"{name}: {before[name]}, then {after[name]} queries"


def test_clarification_pages_run_a_fixed_number_of_queries(client, demo, make_clarification, make_program):
    clarification = make_clarification()
    before = count_queries(client, clarification.get_absolute_url())

    for _ in range(4):
        clarification.programs.add(make_program())

    assert count_queries(client, clarification.get_absolute_url()) == before <= 6
