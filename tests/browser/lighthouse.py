"""Lighthouse (mobile profile) on the home, a program and a search page of the portal as production
runs it: DEBUG off, demo content in a scratch SQLite database, static files collected and compressed.

Run by `make lighthouse`. Each page is measured LIGHTHOUSE_RUNS times (3 by default, as Lighthouse
CI does) and the median score of each category counts, because the performance score moves with the
load on a shared machine. Prints the scores and exits 1 when a median is below the target. Reports
go to test-output/lighthouse/.
"""

import contextlib
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
LIGHTHOUSE = Path(__file__).resolve().parent / "node_modules" / ".bin" / "lighthouse"
REPORTS = ROOT / "test-output" / "lighthouse"
TARGET = 0.95
RUNS = int(os.environ.get("LIGHTHOUSE_RUNS", "3"))
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
PAGES = {"beranda": "/", "program": "/program/pkh/", "cari": "/cari/?q=cara+daftar+pkh"}
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


@contextlib.contextmanager
def production_server(env, port):
    # The portal's settings and whitenoise, behind Django's own threaded HTTP server.
    server = subprocess.Popen(
        [PYTHON, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload", "--skip-checks"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            with contextlib.suppress(OSError):
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
                break
            time.sleep(0.2)
        else:
            raise SystemExit("The portal did not start.")
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def lighthouse(url, name, attempts=3):
    REPORTS.mkdir(parents=True, exist_ok=True)
    output = REPORTS / name
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        f"--chrome-flags={CHROME_FLAGS}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--output=json",
        "--output=html",
        f"--output-path={output}",
    ]
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    for attempt in range(1, attempts + 1):
        # Lighthouse now and then loses the page-load trace (NO_NAVSTART); that run measured nothing.
        if subprocess.run(command, env=env).returncode == 0:
            break
        print(f"  {name}: Lighthouse failed (attempt {attempt} of {attempts})")
    else:
        raise SystemExit(f"Lighthouse could not measure {url}")
    report = json.loads(output.with_suffix(".report.json").read_text())
    scores = {category: report["categories"][category]["score"] for category in CATEGORIES}
    print(f"  {name}: {scores} (CPU benchmark index {report['environment']['benchmarkIndex']:.0f})")
    return scores


def median_scores(url, name):
    runs = [lighthouse(url, f"{name}-{run}") for run in range(1, RUNS + 1)]
    return {category: statistics.median(run[category] for run in runs) for category in CATEGORIES}


def main():
    with tempfile.TemporaryDirectory() as scratch:
        env = {
            **os.environ,
            "DEBUG": "False",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "DATABASE_URL": f"sqlite:///{scratch}/lighthouse.sqlite3",
            "ALLOWED_HOSTS": "127.0.0.1",
            "LOG_LEVEL": "WARNING",
        }
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "import_content", "bansos_portal/content_file/demo_content.json")
        manage(env, "collectstatic", "--noinput", "-v0")
        with production_server(env, free_port()) as base:
            scores = {name: median_scores(base + path, name) for name, path in PAGES.items()}

    print(f"\nLighthouse, mobile profile, median of {RUNS} runs (target {TARGET} in every category):")
    print(f"{'page':10}" + "".join(f"{category:>16}" for category in CATEGORIES))
    for name, page_scores in scores.items():
        print(f"{name:10}" + "".join(f"{page_scores[category]:>16.2f}" for category in CATEGORIES))
    low = {f"{name} {category}": score for name, s in scores.items() for category, score in s.items() if score < TARGET}
    if low:
        raise SystemExit(f"Below {TARGET}: {low}")
    print(f"Reports: {REPORTS.relative_to(ROOT)}/")


if __name__ == "__main__":
    main()
