"""The kit's lists run a fixed number of queries however much content there is (no N+1)."""

import pytest

from bansos_portal.links.models import ShortLink


@pytest.fixture
def lots(make_program, make_component, make_budget, make_question, make_clarification):
    def make(count):
        for _ in range(count):
            program = make_program()
            ShortLink.objects.create(code=program.slug, program=program)
            make_component(program)
            make_budget(program=program)
            make_question().programs.add(program)
            clarification = make_clarification()
            clarification.programs.add(program)
            clarification.sources.create(title="Sumber", url="https://example.org/")

    return make


URLS = [
    "/api/v1/programs/",
    "/api/v1/faq/questions/",
    "/api/v1/clarifications/",
    "/api/v1/budgets/",
    "/api/v1/faq/categories/",
    "/program/buklet/",
    "/pembaruan/atom.xml",
    "/sitemap.xml",
    "/data-terbuka/anggaran.csv",
    "/data-terbuka/komponen-manfaat.csv",
]


@pytest.mark.parametrize("url", URLS)
def test_query_count_does_not_grow_with_content(client, lots, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    lots(2)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    lots(6)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few), (url, len(few), len(many))
