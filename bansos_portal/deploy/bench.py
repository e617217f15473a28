"""`make bench`: the production stack (gunicorn, PostgreSQL, Redis, nginx) under wrk, with the targets.

Starts gunicorn with bansos_portal/deploy/gunicorn.conf.py on the demo content, renders the shipped nginx config into a
scratch directory on a spare port, measures the two ceilings (/healthz on the same app server; nginx
serving a saved program page as a plain file), the cached pages, varied searches (every request a cache
miss) and a 60-second run at 200 connections, then the same run again while a Penyunting publishes a
change to a FAQ answer every 10 seconds (publish_probe.py, through the proposal workflow), timing how long
each change takes to show on the app and through nginx. Prints requests/s, p50, p99, the ratios and whether
each target is met. Exits 1 when a target is missed. Everything it starts is stopped at the end.
"""

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import string
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote_plus

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
APP_PORT = int(os.environ.get("BENCH_APP_PORT", "18710"))
NGINX_PORT = int(os.environ.get("BENCH_NGINX_PORT", "18711"))
STATIC_PORT = int(os.environ.get("BENCH_STATIC_PORT", "18712"))
DURATION = os.environ.get("BENCH_DURATION", "10s")
SOAK_DURATION = os.environ.get("BENCH_SOAK_DURATION", "60s")
PAGES = {"home": "/", "program": "/program/pkh/", "faq entry": "/tanya-jawab/kapan-bantuan-pkh-cair/"}
PUBLISHED_SLUG = "kapan-bantuan-pkh-cair"  # the FAQ entry changed during the publishing run
PUBLISH_EVERY = 10
MAX_AGE = int(os.environ.get("PAGE_CACHE_MAX_AGE", "60"))


def log(message):
    print(message, flush=True)


def ensure_tools():
    missing = [tool for tool in ("wrk", "nginx") if not shutil.which(tool)]
    if missing:
        log(f"Installing {', '.join(missing)} ...")
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk", "nginx"], check=True)


def environment(scratch):
    env = dict(os.environ)
    env.update(
        DEBUG="False",
        SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bansos_bench"),
        CACHE_URL=os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/0"),
        CACHE_KEY_PREFIX=f"bench-{os.getpid()}",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        BIND=f"127.0.0.1:{APP_PORT}",
        ACCESS_LOG="",  # a log line per request would measure the terminal, not the portal
        PYTHONUNBUFFERED="1",
    )
    return env


def ensure_database(env):
    import psycopg

    url = env["DATABASE_URL"]
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    local = {**env, "DEBUG": "True"}
    for command in (["migrate", "--noinput", "-v0"], ["load_demo"], ["collectstatic", "--noinput", "-v0"]):
        subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=local, check=True, stdout=subprocess.DEVNULL)


def wait_for(url, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"{url} did not answer within {seconds} s")


def render_nginx(scratch, static_copy):
    site = (ROOT / "bansos_portal" / "deploy" / "nginx" / "portal-bansos.conf").read_text()
    site = (
        site.replace("@LISTEN@", f"127.0.0.1:{NGINX_PORT}")
        .replace("@APP@", f"127.0.0.1:{APP_PORT}")
        .replace("@CACHE_DIR@", str(scratch / "cache"))
        .replace("@STATIC_ROOT@", str(ROOT / "staticfiles"))
        .replace("access_log /dev/stdout portal_bansos;", "access_log off;")
    )
    (scratch / "portal-bansos.conf").write_text(site)
    main = f"""
worker_processes auto;
pid {scratch}/nginx.pid;
error_log {scratch}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    client_body_temp_path {scratch}/body;
    proxy_temp_path {scratch}/proxy;
    fastcgi_temp_path {scratch}/fastcgi;
    uwsgi_temp_path {scratch}/uwsgi;
    scgi_temp_path {scratch}/scgi;
    include /etc/nginx/mime.types;
    include {scratch}/portal-bansos.conf;
    # The ceiling: the program page saved as a plain file.
    server {{
        listen 127.0.0.1:{STATIC_PORT};
        access_log off;
        location / {{ root {static_copy.parent}; default_type text/html; }}
    }}
}}
"""
    (scratch / "nginx.conf").write_text(main)
    return scratch / "nginx.conf"


def search_script(scratch, seed="run"):
    queries = [item["query"] for item in json.loads((ROOT / "bansos_portal/search/judged_queries.json").read_text())]
    # Percent-encoded, so every query is a plain ASCII Lua string.
    lua = "queries = {" + ",".join(f'"{quote_plus(q)}"' for q in queries) + "}\n"
    # Unique per bench run, so a run never finds the pages an earlier one stored.
    lua += f'run = "{seed}{"".join(secrets.choice(string.ascii_lowercase) for _ in range(8))}"\n'
    lua += """
-- Each wrk thread has its own Lua state: number them, so no two threads ask for the same address.
threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

-- Written in letters: a run of digits in the address would look like a phone number, and such a
-- search is never looked up or stored, which is not what an ordinary citizen's search costs.
function letters(number)
  return (string.gsub(tostring(number), "%d", function(digit) return string.char(97 + digit) end))
end

counter = 0
request = function()
  counter = counter + 1
  local q = queries[(counter % #queries) + 1]
  -- a new address every time: each search is a cache miss
  return wrk.format("GET", "/cari/?q=" .. q .. "&n=" .. run .. "-" .. letters(id) .. "-" .. letters(counter))
end
"""
    path = scratch / f"search-{seed}.lua"
    path.write_text(lua)
    return path


def mixed_script(scratch):
    paths = list(PAGES.values()) + ["/program/", "/tanya-jawab/", "/anggaran/", "/cek-fakta/", "/cari/?q=pkh"]
    lua = "paths = {" + ",".join(json.dumps(p) for p in paths) + "}\n"
    lua += """
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end
"""
    path = scratch / "mixed.lua"
    path.write_text(lua)
    return path


def to_ms(value):
    number, unit = re.match(r"([\d.]+)(us|ms|s|m)$", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000}[unit]


def wrk(url, connections, duration=DURATION, script=None, gzip=True):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}", "--latency", "--timeout", "5s"]
    if gzip:
        command += ["-H", "Accept-Encoding: gzip"]
    if script:
        command += ["-s", str(script)]
    run = subprocess.run([*command, url], capture_output=True, text=True, check=True)
    if run.stderr.strip():  # e.g. a broken Lua script, which wrk reports and then ignores
        raise SystemExit(f"wrk: {run.stderr.strip()}")
    output = run.stdout
    errors = 0
    failures = (
        r"Non-2xx or 3xx responses: (\d+)",
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)",
    )
    for pattern in failures:
        if found := re.search(pattern, output):
            errors += sum(int(n) for n in found.groups())
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": to_ms(re.search(r"^\s+50%\s+(\S+)", output, re.MULTILINE).group(1)),
        "p99": to_ms(re.search(r"^\s+99%\s+(\S+)", output, re.MULTILINE).group(1)),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "errors": errors,
    }


def row(name, result):
    log(
        f"{name:<44} {result['rps']:>10,.0f} req/s   p50 {result['p50']:>7.1f} ms   p99 {result['p99']:>7.1f} ms"
        f"   errors {result['errors']}"
    )


def publish_command(app, front):
    """publish_probe.py changing PUBLISHED_SLUG during the soak, polling its page on the app and through nginx."""
    path = PAGES["faq entry"]
    count = int(to_ms(SOAK_DURATION) / 1000 // PUBLISH_EVERY)
    return [
        *[PYTHON, "-m", "bansos_portal.deploy.publish_probe", "--slug", PUBLISHED_SLUG],
        *["--url", f"app={app}{path}", "--url", f"nginx={front}{path}"],
        *["--first", str(PUBLISH_EVERY / 2), "--every", str(PUBLISH_EVERY), "--count", str(count)],
    ]


def seconds(value):
    return "never" if value is None else f"{value:.1f} s"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dry-run", action="store_true", help="print the publishing command and stop")
    if parser.parse_args(argv).dry_run:
        log(" ".join(publish_command(f"http://127.0.0.1:{APP_PORT}", f"http://127.0.0.1:{NGINX_PORT}")))
        return 0
    ensure_tools()
    scratch = Path(tempfile.mkdtemp(prefix="bansos-bench-"))
    scratch.chmod(0o755)
    env = environment(scratch)
    processes = []
    nginx_conf = None
    try:
        log("Preparing the database (migrate, demo content, collectstatic) ...")
        ensure_database(env)
        gunicorn = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "-c", "bansos_portal/deploy/gunicorn.conf.py", "bansos_portal.wsgi"],
            cwd=ROOT,
            env=env,
            stdout=open(scratch / "gunicorn.log", "w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        processes.append(gunicorn)
        app = f"http://127.0.0.1:{APP_PORT}"
        wait_for(f"{app}/readyz")
        static_copy = scratch / "static-copy" / "program.html"
        static_copy.parent.mkdir()
        with urllib.request.urlopen(app + PAGES["program"]) as response:
            static_copy.write_bytes(response.read())
        for sub in ("cache", "body", "proxy"):
            (scratch / sub).mkdir()
            if os.geteuid() == 0:  # nginx workers started by root run as nobody
                shutil.chown(scratch / sub, "nobody")
        nginx_conf = render_nginx(scratch, static_copy)
        subprocess.run(["nginx", "-t", "-q", "-c", str(nginx_conf)], check=True)
        subprocess.run(["nginx", "-c", str(nginx_conf)], check=True)
        front = f"http://127.0.0.1:{NGINX_PORT}"
        wait_for(front + "/healthz")
        # Warm both caches with both encodings the runs use: a page nginx has never stored makes every
        # concurrent request wait for the first one (proxy_cache_lock), which is a cold start, not a cached page.
        for path in PAGES.values():
            for url in (app + path, front + path):
                for encoding in ("gzip", "identity"):
                    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding})
                    urllib.request.urlopen(request).read()

        workers = env.get("WEB_CONCURRENCY") or f"{os.cpu_count() * 2} (2 per CPU)"
        threads = int(env.get("GUNICORN_THREADS", "1"))
        kind = f"gthread, {threads} threads each" if threads > 1 else "sync"
        log(f"\nwrk -t2, {DURATION} per line, on {os.cpu_count()} CPUs; gunicorn workers {workers}, {kind}")
        log(f"load average before: {os.getloadavg()[0]:.2f}\n")
        results = {}
        results["healthz"] = wrk(app + "/healthz", 50)
        row("ceiling: /healthz on the app server (c50)", results["healthz"])
        results["static"] = wrk(f"http://127.0.0.1:{STATIC_PORT}/program.html", 50, gzip=False)
        row("ceiling: nginx, program page as a file (c50)", results["static"])
        for name, path in PAGES.items():
            results[f"app {name}"] = wrk(app + path, 50)
            row(f"cached {name}, app alone (c50)", results[f"app {name}"])
        for name, path in PAGES.items():
            results[f"nginx {name}"] = wrk(front + path, 50, gzip=False)
            row(f"cached {name}, through nginx (c50)", results[f"nginx {name}"])
        # A server that has run a while has compiled its templates and read the vocabulary in every
        # worker; a short unmeasured run does that here, with other addresses than the measured ones.
        wrk(app, 4, duration="3s", script=search_script(scratch, seed="warm"))
        results["search"] = wrk(app, 20, script=search_script(scratch))
        row("searches, varied, all misses (c20)", results["search"])
        results["soak"] = wrk(front, 200, duration=SOAK_DURATION, script=mixed_script(scratch))
        row(f"mixed pages through nginx, {SOAK_DURATION} (c200)", results["soak"])
        probe = subprocess.Popen(
            publish_command(app, front), cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True, start_new_session=True
        )
        processes.append(probe)
        results["publishing"] = wrk(front, 200, duration=SOAK_DURATION, script=mixed_script(scratch))
        row(f"the same, a change published every {PUBLISH_EVERY} s (c200)", results["publishing"])
        # The last changes may still be on their way through nginx: wait for them (the probe gives up itself).
        output, _ = probe.communicate(timeout=to_ms(SOAK_DURATION) / 1000 + 300)
        results["publications"] = [json.loads(line) for line in output.splitlines()]
        for item in results["publications"]:
            log(
                f"  publication {item['number']}: committed in {item['publish_s']:.2f} s, shown on the app after "
                f"{seconds(item['app'])}, through nginx after {seconds(item['nginx'])}"
            )
        log(f"\nload average after: {os.getloadavg()[0]:.2f}")
        return report(results)
    finally:
        if nginx_conf:
            subprocess.run(["nginx", "-c", str(nginx_conf), "-s", "stop"], check=False)
        for process in processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=30)
        clear_redis(env)
        shutil.rmtree(scratch, ignore_errors=True)


def report(results):
    checks = []
    log("\nTargets")
    for name in PAGES:
        app, nginx = results[f"app {name}"], results[f"nginx {name}"]
        ratio_app = app["rps"] / results["healthz"]["rps"]
        ratio_nginx = nginx["rps"] / results["static"]["rps"]
        checks.append((f"{name}: app alone {ratio_app:.0%} of /healthz (>= 60%)", ratio_app >= 0.6))
        checks.append((f"{name}: app alone p99 {app['p99']:.1f} ms (<= 60 ms)", app["p99"] <= 60))
        checks.append((f"{name}: nginx {ratio_nginx:.0%} of the static file (>= 50%)", ratio_nginx >= 0.5))
    search = results["search"]
    checks.append((f"searches {search['rps']:.0f} req/s (>= 150)", search["rps"] >= 150))
    checks.append((f"searches p99 {search['p99']:.1f} ms (<= 200 ms)", search["p99"] <= 200))
    soak = results["soak"]
    soak_text = f"200 connections: {soak['errors']} errors in {soak['requests']:,} requests (0)"
    checks.append((soak_text, not soak["errors"]))
    publishing = results["publishing"]
    ratio = publishing["rps"] / soak["rps"]
    checks.append((f"while publishing: {ratio:.0%} of the same mix without (>= 70%)", ratio >= 0.7))
    busy_text = f"while publishing: {publishing['errors']} errors in {publishing['requests']:,} requests (0)"
    checks.append((busy_text, not publishing["errors"]))
    if not results["publications"]:
        checks.append(("while publishing: no publication was made", False))
    for item in results["publications"]:
        app, nginx = item["app"], item["nginx"]
        on_app = f"publication {item['number']}: on the app after {seconds(app)} (at once, <= 1 s)"
        checks.append((on_app, app is not None and app <= 1))
        on_nginx = f"publication {item['number']}: through nginx after {seconds(nginx)} (<= max-age {MAX_AGE} s)"
        checks.append((on_nginx, nginx is not None and nginx <= MAX_AGE))
    for text, ok in checks:
        log(f"  {'PASS' if ok else 'FAIL'}  {text}")
    return 0 if all(ok for _, ok in checks) else 1


def clear_redis(env):
    try:
        import redis

        client = redis.Redis.from_url(env["CACHE_URL"])
        for key in client.scan_iter(f"{env['CACHE_KEY_PREFIX']}:*"):
            client.delete(key)
    except Exception as problem:  # the bench result stands even if the scratch keys outlive it
        log(f"Could not remove the bench's Redis keys: {problem}")


if __name__ == "__main__":
    sys.exit(main())
