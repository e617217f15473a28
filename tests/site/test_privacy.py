"""Personal numbers typed into search are masked before anything is stored or logged; no IP addresses."""

import logging
import runpy
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse

from bansos_portal.page_cache import store
from bansos_portal.search.models import SearchQueryStat

ROOT = Path(__file__).resolve().parents[2]
PERSONAL = ["3201234567890001", "3201-2345-6789-0001", "081234567890", "+62 812 3456 7890"]


@pytest.mark.parametrize("number", PERSONAL)
def test_a_search_with_a_personal_number_is_kept_nowhere(client, page_store, make_question, caplog, number):
    make_question(question="Bagaimana cek status PKH dengan NIK?")
    url = reverse("search") + "?" + f"q=cek+nik+{number}".replace(" ", "+").replace("+6", "%2B6")

    with caplog.at_level(logging.DEBUG):
        response = client.get(url)
        client.get(reverse("api_search"), {"q": f"nik {number}"})

    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    assert cache.get(store.page_key(RequestFactory().get(url).META)) is None
    digits = number.replace(" ", "").replace("-", "").replace("+", "")
    stored = list(SearchQueryStat.objects.values_list("query", flat=True))
    assert stored and not any(digits[-8:] in query.replace(" ", "").replace("-", "") for query in stored)
    assert digits[-8:] not in caplog.text.replace(" ", "").replace("-", "")


def test_ordinary_searches_stay_cacheable(client, page_store, make_question):
    make_question(question="Kapan PKH tahap 4 cair?")

    response = client.get(reverse("search"), {"q": "pkh tahap 4 2025"})

    assert "public" in response["Cache-Control"]


def test_the_app_server_log_holds_no_query_string_and_no_client_address():
    config = runpy.run_path(str(ROOT / "bansos_portal" / "deploy" / "gunicorn.conf.py"))

    log_format = config["access_log_format"]

    for personal in ("%(h)s", "%(r)s", "%(q)s", "%({x-forwarded-for}i)s", "%(u)s"):
        assert personal not in log_format
    assert "%(U)s" in log_format  # the path alone


def test_the_nginx_log_holds_no_query_string_and_no_client_address():
    config = (ROOT / "bansos_portal" / "deploy" / "nginx" / "portal-bansos.conf").read_text()
    log_format = config.split("log_format portal_bansos", 1)[1].split(";", 1)[0]

    for personal in ("$remote_addr", "$args", "$request_uri", "$query_string", "$http_x_forwarded_for", "$request "):
        assert personal not in log_format
    assert "$uri" in log_format
