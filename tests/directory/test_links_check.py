"""check_links against servers on 127.0.0.1 only; nothing else is ever contacted."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from bansos_portal.directory import links_check
from bansos_portal.directory.links_check import Checker, HostPacer
from bansos_portal.directory.models import LinkCheck

pytestmark = pytest.mark.slow  # local servers, and one request waits for its timeout


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/ok":
            return self.answer(200)
        if self.path.startswith("/hop"):
            step = int(self.path[4:] or 0)
            return self.answer(301, location="/ok" if step >= 2 else f"/hop{step + 1}")
        if self.path == "/missing":
            return self.answer(404)
        if self.path == "/error":
            return self.answer(500)
        if self.path == "/slow":
            time.sleep(0.3)
            return self.answer(200)
        if self.path == "/hang":
            time.sleep(2)
            return self.answer(200)
        if self.path == "/away":
            return self.answer(302, location="http://192.0.2.1/")
        return self.answer(404)

    def answer(self, status, location=None):
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def checker(settings):
    settings.LINK_CHECK_LOOPBACK_ONLY = True
    return Checker(timeout=1, workers=4, per_host_interval=0)


def test_checker_sorts_ok_redirected_and_broken_links(server, checker):
    urls = [f"{server}/{path}" for path in ("ok", "hop0", "missing", "error", "slow", "hang")]

    results = {result.url.rsplit("/", 1)[1]: result for result in checker.check_all(urls)}

    assert results["ok"].outcome == "ok" and results["ok"].status_code == 200
    assert results["hop0"].outcome == "redirected" and results["hop0"].final_url == f"{server}/ok"
    assert (results["missing"].outcome, results["missing"].status_code) == ("broken", 404)
    assert (results["error"].outcome, results["error"].status_code) == ("broken", 500)
    assert results["slow"].outcome == "ok"
    assert results["hang"].outcome == "broken" and "Waktu habis" in results["hang"].error


def test_a_tls_failure_is_broken(server, checker):
    result = checker.check(server.replace("http://", "https://") + "/ok")

    assert result.outcome == "broken" and result.error


def test_non_loopback_hosts_are_never_contacted_under_the_test_setting(server, checker, monkeypatch):
    opened = []
    monkeypatch.setattr(checker.opener, "open", lambda *args, **kwargs: opened.append(args) or None)

    result = checker.check("https://dinsos.jatimprov.go.id/")

    assert result.outcome is None and opened == []


def test_a_redirect_to_a_non_loopback_host_is_not_followed(server, checker):
    result = checker.check(f"{server}/away")

    assert result.outcome is None


def test_pacer_spaces_requests_to_one_host():
    clock, waits = [100.0], []
    pacer = HostPacer(1.0, clock=lambda: clock[0], sleep=waits.append)

    pacer.wait("a.example")
    pacer.wait("a.example")
    pacer.wait("b.example")

    assert waits == [1.0]


def test_command_records_the_report_and_fails_on_broken(server, settings, monkeypatch, db):
    settings.LINK_CHECK_LOOPBACK_ONLY = True
    used_by = {f"{server}/ok": "Situs A", f"{server}/hop0": "Situs B", f"{server}/missing": "Sumber C"}
    monkeypatch.setattr(links_check, "published_urls", lambda: used_by)
    monkeypatch.setattr("bansos_portal.directory.management.commands.check_links.published_urls", lambda: used_by)
    out = StringIO()

    call_command("check_links", "--per-host-interval=0", "--timeout=2", stdout=out)
    with pytest.raises(CommandError):
        call_command("check_links", "--fail-on-broken", "--per-host-interval=0", "--timeout=2", stdout=StringIO())

    assert LinkCheck.objects.broken().get().url == f"{server}/missing"
    assert LinkCheck.objects.redirected().get().final_url == f"{server}/ok"
    assert "RUSAK" in out.getvalue() and "DIALIHKAN" in out.getvalue()


def test_published_urls_include_office_websites_and_sources(make_office):
    make_office("35.73", website="https://malangkota.go.id/", verified=("website",))

    urls = links_check.published_urls()

    assert "https://malangkota.go.id/" in urls and "https://example.go.id/kontak" in urls
    assert "https://dinsos.jatimprov.go.id/web/public/profil" in urls


def test_admin_report_lists_broken_links(admin_client, db):
    LinkCheck.objects.create(
        url="http://127.0.0.1:1/rusak", outcome="broken", error="HTTP 404", checked_at="2026-12-06T00:00Z"
    )

    response = admin_client.get(reverse("admin:directory_linkcheck_changelist"), {"outcome__exact": "broken"})

    assert b"http://127.0.0.1:1/rusak" in response.content
