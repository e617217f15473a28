"""The CDN purge hook gets, after a change commits, the addresses of the pages that showed it."""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest


@pytest.fixture
def fake_cdn():
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/purge", received
    server.shutdown()


def test_a_change_purges_the_pages_that_show_it_and_not_the_others(
    client, settings, page_store, fake_cdn, make_program, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_PURGE_URL, received = fake_cdn
    pkh = make_program(name="Program Keluarga Harapan", slug="pkh")
    make_program(name="Bantuan Pangan Non Tunai", slug="bpnt")
    for url in ("/program/pkh/", "/program/", "/kontak/"):
        client.get(url)

    with django_capture_on_commit_callbacks(execute=True):
        pkh.summary = "Bantuan tunai bersyarat, kini juga untuk lansia."
        pkh.save()

    purged = {path for body in received for path in body["paths"]}
    assert {"/program/pkh/", "/program/"} <= purged
    assert "/kontak/" not in purged
    assert not any(body["all"] for body in received)


def test_no_purge_url_sends_nothing(client, settings, page_store, fake_cdn, make_program):
    _url, received = fake_cdn
    pkh = make_program(slug="pkh")
    client.get("/program/pkh/")

    pkh.save()

    assert received == []
