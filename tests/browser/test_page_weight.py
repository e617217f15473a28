"""A citizen on metered data: the home page, a program page and a search results page each transfer
at most 50 KB in all (HTML, CSS, JS, images, as compressed on the wire), and nothing from another host.

The site is served the way production serves it (tests/browser/site_server.py): pages gzipped by
Django's GZipMiddleware, static files hashed and pre-compressed by whitenoise. The figures are printed
at the end of the run and written to test-output/page-weight.json.
"""

from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import PHONE
from tests.public_pages import PUBLIC_PAGES

pytestmark = pytest.mark.django_db

BUDGET_BYTES = 50 * 1024
WEIGHED_PAGES = ["beranda", "program", "cari-hasil", "cek-bantuan", "dinas-sosial-cari", "dinas-sosial-kabupaten"]


def transferred(page, url):
    """Loads `url` in a fresh page; returns [(url, bytes on the wire)] for every request it made."""
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.goto(url, wait_until="networkidle")
    weights = []
    for request in finished:
        sizes = request.sizes()
        weights.append((request.url, sizes["responseHeadersSize"] + sizes["responseBodySize"]))
    return weights


@pytest.mark.parametrize("name", WEIGHED_PAGES)
def test_page_transfers_at_most_50_kb_from_its_own_host(demo_site, browser, page_weights, name):
    # A fresh context has an empty cache: the first visit, the heaviest one.
    context = browser.new_context(viewport=PHONE, is_mobile=True, locale="id-ID")
    weights = transferred(context.new_page(), demo_site + PUBLIC_PAGES[name])
    context.close()

    page_weights[name] = weights
    assert {urlsplit(url).netloc for url, _ in weights} == {urlsplit(demo_site).netloc}
    # The page itself, its stylesheet and the htmx script at least.
    assert len(weights) >= 3
    assert sum(size for _, size in weights) <= BUDGET_BYTES
