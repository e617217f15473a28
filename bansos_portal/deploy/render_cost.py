"""`make render-cost`: the CPU one page costs when it is not stored (a page-cache miss), as production renders it.

Loads the demo content into a scratch SQLite database, then, in this process with DEBUG=False, requests the
program page, the home page and a FAQ entry through the whole middleware stack, the page store on but the
page's stored copy removed before every request, and prints the median CPU milliseconds (time.process_time)
of each, twice: with the page's kept parts reused (a page outdated by a change to something it shows
outside those parts, see page_cache/fragments.py) and rendered in full (a change to what the parts show).
What is kept per content change (the compiled glossary, search settings) stays kept, as between two
publications. Then, how many misses a publication causes: every page of the sitemap stored, one FAQ
answer, one clarification and one program edited in turn, and the stored pages each outdated, counted.
With --profile, also prints where the program page's time goes (cProfile).
"""

import argparse
import cProfile
import os
import pstats
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGES = {"program": "/program/pkh/", "home": "/", "faq entry": "/tanya-jawab/kapan-bantuan-pkh-cair/"}
TARGET_MS = 5


def prepare(database):
    """The demo content in a scratch database (loading it needs DEBUG=True), and the collected static files."""
    env = {**os.environ, "DEBUG": "True", "DATABASE_URL": f"sqlite:///{database}"}
    for command in (["migrate", "--noinput", "-v0"], ["load_demo"], ["collectstatic", "--noinput", "-v0"]):
        manage = [sys.executable, "manage.py", *command]
        subprocess.run(manage, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def production_like(database):
    os.environ.update(
        DEBUG="False",
        SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL=f"sqlite:///{database}",
        CACHE_URL="",  # this process's memory: the store works as in production, without Redis
        PAGE_CACHE_SECONDS="300",
        ALLOWED_HOSTS="testserver",
        LOG_LEVEL="WARNING",
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bansos_portal.settings")
    sys.path.insert(0, str(ROOT))  # run as a script, only this file's folder is on the path
    import django

    django.setup()


def miss(client, path):
    """CPU seconds of one request for `path` whose stored copy is gone (what is kept per content change stays)."""
    from django.test import RequestFactory

    from bansos_portal.page_cache.store import cache, page_key

    cache().delete(page_key(RequestFactory().get(path).META))
    started = time.process_time()
    response = client.get(path)
    spent = time.process_time() - started
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}")
    return spent


def report(client, times):
    for name, path in PAGES.items():
        spent = sorted(miss(client, path) * 1000 for _ in range(times))
        median = statistics.median(spent)
        verdict = "PASS" if median <= TARGET_MS else "FAIL"
        print(f"  {verdict}  {name:<10} {path:<40} median {median:5.2f} ms   fastest {spent[0]:5.2f} ms")


def sitemap_paths(client):
    xml = client.get("/sitemap.xml").content.decode()
    return sorted({re.sub(r"^https?://[^/]+", "", url) for url in re.findall(r"<loc>([^<]+)</loc>", xml)})


def outdated_by(client, paths, change):
    """(stored pages outdated by `change()`, by the first part of their address; how many were stored)."""
    from django.db import transaction
    from django.test import RequestFactory

    from bansos_portal.page_cache.store import lookup, page_key

    def stored(path):
        return lookup(page_key(RequestFactory().get(path).META)).current

    for path in paths:
        client.get(path)
    before = [path for path in paths if stored(path)]
    with transaction.atomic():
        change()
    counts = {}
    for path in before:
        if not stored(path):
            section = path.strip("/").split("/")[0] or "beranda"
            counts[section] = counts.get(section, 0) + 1
    return counts, len(before)


def edited(item, field):
    def change():
        setattr(item, field, getattr(item, field) + " Diperbarui.")
        item.save()

    return change


def report_outdated(client):
    from faq.models import Clarification, Question
    from programs.models import Program

    changes = {
        "one FAQ answer": edited(Question.objects.get(slug=PAGES["faq entry"].split("/")[2]), "answer"),
        "one clarification": edited(Clarification.objects.published().first(), "explanation"),
        "one program's summary": edited(Program.objects.published().exclude(slug="pkh").first(), "summary"),
    }
    paths = sitemap_paths(client)
    print(f"\nStored pages a change outdates (of the {len(paths)} sitemap pages, each visited first)")
    for name, change in changes.items():
        counts, stored = outdated_by(client, paths, change)
        parts = ", ".join(f"{section} {count}" for section, count in sorted(counts.items()))
        print(f"  {name:<22} {sum(counts.values()):4d} of {stored} ({parts})")


@contextmanager
def every_part_rendered():
    from bansos_portal.templatetags import kept

    reuse = kept.kept_or_rendered
    kept.kept_or_rendered = lambda name, render: render()
    try:
        yield
    finally:
        kept.kept_or_rendered = reuse


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--times", type=int, default=200, help="requests per page (default 200)")
    parser.add_argument("--profile", action="store_true", help="also profile the program page")
    args = parser.parse_args(argv)
    scratch = Path(tempfile.mkdtemp(prefix="bansos-render-cost-"))
    try:
        print("Loading the demo content into a scratch database ...", flush=True)
        prepare(scratch / "db.sqlite3")
        production_like(scratch / "db.sqlite3")
        from django.test import Client

        client = Client()
        for path in PAGES.values():  # templates compiled, per-process lookups made: a server that has run a while
            for _ in range(5):
                miss(client, path)
        print(f"\nCPU per page-cache miss, DEBUG=False, median of {args.times} (target <= {TARGET_MS} ms)")
        print("  kept parts reused:")
        report(client, args.times)
        print("  rendered in full (kept parts outdated too):")
        with every_part_rendered():
            report(client, args.times)
        report_outdated(client)
        if args.profile:
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(args.times):
                miss(client, PAGES["program"])
            profiler.disable()
            pstats.Stats(profiler).sort_stats("tottime").print_stats(30)
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
