"""`make scan`: wapiti against the production server on the demo content; fails on any finding above low.

wapiti lives in its own virtual environment (.venv-wapiti, created on first run) because it pins many
packages. The server is gunicorn with DEBUG off on a scratch SQLite database, stopped at the end.
"""

import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PORT = int(os.environ.get("SCAN_PORT", "18730"))
WAPITI_VENV = ROOT / ".venv-wapiti"
# wapiti's levels: 1 low, 2 medium, 3 high.
HIGHEST_ALLOWED_LEVEL = 1


def ensure_wapiti():
    wapiti = WAPITI_VENV / "bin" / "wapiti"
    if not wapiti.exists():
        subprocess.run([sys.executable, "-m", "venv", str(WAPITI_VENV)], check=True)
        subprocess.run([str(WAPITI_VENV / "bin" / "pip"), "install", "--quiet", "wapiti3>=3.2,<3.3"], check=True)
    return wapiti


def start_server(scratch):
    env = dict(os.environ)
    env.update(
        DEBUG="False",
        SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL=f"sqlite:///{scratch / 'scan.sqlite3'}",
        ALLOWED_HOSTS="127.0.0.1",
        BIND=f"127.0.0.1:{PORT}",
        ACCESS_LOG="",
    )
    local = {**env, "DEBUG": "True"}
    for command in (["migrate", "--noinput", "-v0"], ["load_demo"], ["collectstatic", "--noinput", "-v0"]):
        manage = [sys.executable, "manage.py", *command]
        subprocess.run(manage, cwd=ROOT, env=local, check=True, stdout=subprocess.DEVNULL)
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "bansos_portal/deploy/gunicorn.conf.py", "bansos_portal.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=open(scratch / "gunicorn.log", "w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    for _ in range(60):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/readyz", timeout=2)
            return server
        except OSError:
            time.sleep(0.5)
    raise SystemExit("The server did not start; see its log.")


def main():
    wapiti = ensure_wapiti()
    scratch = Path(tempfile.mkdtemp(prefix="bansos-scan-"))
    report = scratch / "wapiti.json"
    server = start_server(scratch)
    try:
        subprocess.run(
            [
                str(wapiti),
                "-u",
                f"http://127.0.0.1:{PORT}/",
                "--scope",
                "folder",
                "--flush-session",
                "--max-scan-time",
                os.environ.get("SCAN_SECONDS", "240"),
                "--max-attack-time",
                "60",
                "-f",
                "json",
                "-o",
                str(report),
                "--no-bugreport",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    findings = [
        (category, item)
        for section in ("vulnerabilities", "anomalies")
        for category, items in json.loads(report.read_text())[section].items()
        for item in items
    ]
    too_high = [(category, item) for category, item in findings if item.get("level", 0) > HIGHEST_ALLOWED_LEVEL]
    for category, item in findings:
        print(f"level {item.get('level')}  {category}: {item.get('path')}  {item.get('info')}")
    print(f"{len(findings)} findings, {len(too_high)} above low.")
    shutil.rmtree(scratch, ignore_errors=True)
    return 1 if too_high else 0


if __name__ == "__main__":
    sys.exit(main())
