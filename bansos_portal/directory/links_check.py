"""Every outbound address the portal publishes, checked: broken (an error, a 4xx/5xx, a timeout, a TLS
failure) or redirected (with where it ends). A few at a time, with a pause between two requests to the
same host, so that no regional office's small server is hammered.

With settings.LINK_CHECK_LOOPBACK_ONLY (tests set it) only 127.0.0.0/8, ::1 and localhost are contacted,
redirects included: any other address is skipped without a connection."""

import ipaddress
import socket
import ssl
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone

from faq.models import Clarification, ClarificationSource
from programs.models import Budget, Program, ProgramSource

from .models import LinkCheck, Office, OfficeDetailSource

USER_AGENT = "PortalBansos-PemeriksaTautan/1.0 (+https://bansos.kemensos.go.id/data-terbuka/)"
MAX_REDIRECTS = 5


def published_urls():
    """{url: where the portal shows it} for every outbound link of published content."""
    found = {}

    def add(url, where):
        if url and url.startswith(("http://", "https://")):
            found.setdefault(url, where[:300])

    for office in Office.objects.published().select_related("region"):
        add(office.website, f"Situs {office.name}")
        for link in office.social_links():
            add(link, f"Media sosial {office.name}")
    for source in OfficeDetailSource.objects.filter(office__in=Office.objects.published()).select_related("office"):
        add(source.url, f"Sumber {source.office.name}")
    for source in ProgramSource.objects.filter(program__in=Program.objects.published()).select_related("program"):
        add(source.url, f"Sumber program {source.program.short_name}")
    clarifications = Clarification.objects.published()
    for source in ClarificationSource.objects.filter(clarification__in=clarifications).select_related("clarification"):
        add(source.url, f"Sumber cek fakta {source.clarification}")
    for budget in Budget.objects.public().select_related("program"):
        add(budget.source_url, f"Sumber anggaran {budget.year} {budget.program.short_name if budget.program else ''}")
    return found


@dataclass(frozen=True)
class Result:
    url: str
    outcome: str | None  # None: not checked (refused by LINK_CHECK_LOOPBACK_ONLY)
    status_code: int | None = None
    final_url: str = ""
    error: str = ""


class NotAllowed(Exception):
    pass


def is_loopback(url):
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class HostPacer:
    """At most one request to a host per `interval` seconds, across threads."""

    def __init__(self, interval, clock=time.monotonic, sleep=time.sleep):
        self.interval, self.clock, self.sleep = interval, clock, sleep
        self.lock, self.next_slot = threading.Lock(), {}

    def wait(self, host):
        with self.lock:
            now = self.clock()
            slot = max(now, self.next_slot.get(host, now))
            self.next_slot[host] = slot + self.interval
        if slot > now:
            self.sleep(slot - now)


class Checker:
    def __init__(self, *, timeout=10, workers=4, per_host_interval=1.0, loopback_only=None):
        self.timeout, self.workers = timeout, workers
        self.pacer = HostPacer(per_host_interval)
        if loopback_only is None:
            loopback_only = getattr(settings, "LINK_CHECK_LOOPBACK_ONLY", False)
        self.loopback_only = loopback_only
        self.opener = urllib.request.build_opener(self._redirect_handler())

    def _redirect_handler(self):
        checker = self

        class Guarded(urllib.request.HTTPRedirectHandler):
            max_redirections = MAX_REDIRECTS

            def redirect_request(self, req, fp, code, msg, headers, newurl):
                # Every hop is paced and, under the loopback rule, refused before it is contacted.
                checker.allow(newurl)
                return super().redirect_request(req, fp, code, msg, headers, newurl)

        return Guarded()

    def allow(self, url):
        if self.loopback_only and not is_loopback(url):
            raise NotAllowed(url)
        self.pacer.wait(urlsplit(url).netloc)

    def check(self, url):
        try:
            self.allow(url)
            request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
            with self.opener.open(request, timeout=self.timeout) as response:
                final, status = response.geturl(), response.status
        except NotAllowed:
            return Result(url, None, error="Tidak diperiksa: hanya alamat loopback yang boleh dihubungi.")
        except urllib.error.HTTPError as error:
            return Result(url, LinkCheck.Outcome.BROKEN, error.code, error.geturl() or url, f"HTTP {error.code}")
        except TimeoutError:
            return Result(url, LinkCheck.Outcome.BROKEN, error="Waktu habis")
        except urllib.error.URLError as error:
            return Result(url, LinkCheck.Outcome.BROKEN, error=describe(error.reason))
        except (ssl.SSLError, OSError, ValueError) as error:
            return Result(url, LinkCheck.Outcome.BROKEN, error=describe(error))
        outcome = LinkCheck.Outcome.OK if final == url else LinkCheck.Outcome.REDIRECTED
        return Result(url, outcome, status, final)

    def check_all(self, urls):
        with ThreadPoolExecutor(max_workers=self.workers) as pool:
            return list(pool.map(self.check, urls))


def describe(reason):
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return "Waktu habis"
    if isinstance(reason, ssl.SSLError):
        return f"Galat TLS: {reason}"[:300]
    return str(reason)[:300] or reason.__class__.__name__


def record(results, used_by, *, now=None):
    """Store each checked result; addresses no longer published leave the report."""
    now = now or timezone.now()
    checked = [result for result in results if result.outcome]
    for result in checked:
        LinkCheck.objects.update_or_create(
            url=result.url,
            defaults={
                "used_by": used_by.get(result.url, ""),
                "outcome": result.outcome,
                "status_code": result.status_code,
                "final_url": result.final_url,
                "error": result.error,
                "checked_at": now,
            },
        )
    LinkCheck.objects.exclude(url__in=list(used_by)).delete()
    return checked
