"""`make render-cost`: the CPU one page costs when it is not stored (a page-cache miss), as production renders it.

Loads the demo content into a scratch SQLite database, then, in this process with DEBUG=False, requests the
program page, the home page and a FAQ entry through the whole middleware stack, the page store on but the
page's stored copy removed before every request, and prints the median CPU milliseconds (time.process_time)
of each, twice: with the page's kept parts reused (a page outdated by a change to something it shows
outside those parts, see page_cache/fragments.py) and rendered in full (a change to what the parts show).
What is kept per content change (the compiled glossary, search settings) stays kept, as between two
publications. With --profile, also prints where the program page's time goes (cProfile).
"""

import argparse
import cProfile
import os
import pstats
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
