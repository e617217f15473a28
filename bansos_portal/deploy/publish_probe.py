"""Humas publishing during `make bench`: a live FAQ answer changed through the editorial workflow while the
pages are under load, and how long each change takes to show on each address given.

bench.py starts it beside the loaded run, with the bench's environment (same database and cache):

    python -m bansos_portal.deploy.publish_probe --slug kapan-bantuan-pkh-cair \\
        --url app=http://127.0.0.1:18710 --url nginx=http://127.0.0.1:18711 --first 5 --every 10 --count 6

It prints one JSON line per publication: {"number": 1, "publish_s": 0.04, "app": 0.01, "nginx": 41.2}, each
address's seconds counted from the moment the publication was committed (null: not seen within --timeout).
"""

import argparse
import gzip
import json
import os
import re
import secrets
import string
import sys
import threading
import time
import urllib.request

# Appended to the answer; the number tells the publications apart. Plain words, no glossary term.
MARK = "Pembaruan uji beban"
USERNAME = "uji-beban"


def penyunting():
    """The account that publishes: a Penyunting made for the bench (never a real person's account)."""
    from django.contrib.auth.models import Group, Permission, User

    from bansos_portal.editorial.roles import ensure_roles

    user, _ = User.objects.get_or_create(username=USERNAME, defaults={"is_staff": True, "first_name": "Uji"})
    user.groups.add(ensure_roles(Group, Permission)["Penyunting"])
    return user


def publish_answer(slug, text, *, user):
    """Change a live FAQ answer the way Humas does: a proposal copied from the live item, edited, published."""
    from bansos_portal.editorial import proposals
    from faq.models import Question

    live = Question.objects.get(slug=slug, proposal_for=None)
    proposal, _ = proposals.propose(live, user=user)
    proposal.answer = text
    proposal._history_user = user
    proposal.save()
    return proposals.publish(proposal, user=user, comment="Uji beban: perubahan kecil")


def marked(answer, run, number):
    """The answer with this publication's mark in place of an earlier one."""
    base = answer.split(MARK)[0].rstrip()
    return f"{base}\n\n{MARK} {run} nomor {number}."


def shown(page, run, number):
    """Whether the page shows this publication or a later one (a later one has replaced its text)."""
    return any(int(n) >= number for n in re.findall(rf"{MARK} {run} nomor (\d+)", page))


def seconds_until_shown(urls, is_shown, fetch, *, timeout, interval=0.1):
    """Poll every address until `is_shown(page)`: {name: seconds, or None when not within timeout}."""
    start = time.monotonic()
    seconds = dict.fromkeys(urls)
    while time.monotonic() - start < timeout:
        for name, url in urls.items():
            if seconds[name] is None and is_shown(fetch(url)):
                seconds[name] = round(time.monotonic() - start, 3)
        if all(value is not None for value in seconds.values()):
            break
        time.sleep(interval)
    return seconds


def publish_numbered(slug, *, user, run, number):
    """Publish the answer with mark `number`; returns the seconds the publication itself took."""
    from faq.models import Question

    started = time.monotonic()
    answer = Question.objects.get(slug=slug, proposal_for=None).answer
    publish_answer(slug, marked(answer, run, number), user=user)
    return round(time.monotonic() - started, 3)


def publish_and_time(slug, urls, fetch, *, user, run, number, timeout):
    """Publish one change, then time it on every address; returns the JSON-able result."""
    result = {"number": number, "publish_s": publish_numbered(slug, user=user, run=run, number=number)}
    return result | seconds_until_shown(urls, lambda page: shown(page, run, number), fetch, timeout=timeout)


def fetch(url):
    """The page as a visitor's browser gets it (gzip, no cookie), so nginx answers from the same copy."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
            if response.headers.get("Content-Encoding") == "gzip":
                body = gzip.decompress(body)
            return body.decode()
    except OSError:  # a refused or timed-out poll counts as not shown yet
        return ""


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--slug", required=True, help="the live FAQ entry to change")
    parser.add_argument("--url", action="append", required=True, help="name=address of its page, repeatable")
    parser.add_argument("--first", type=float, default=5, help="seconds before the first publication")
    parser.add_argument("--every", type=float, default=10, help="seconds between publications")
    parser.add_argument("--count", type=int, default=6, help="how many publications")
    parser.add_argument("--timeout", type=float, default=120, help="seconds to wait for each change to show")
    args = parser.parse_args(argv)
    urls = dict(item.split("=", 1) for item in args.url)

    import django

    django.setup()
    user = penyunting()
    run = "".join(secrets.choice(string.ascii_lowercase) for _ in range(6))
    results, threads = [], []

    def poll(number, result):
        # Only the waiting runs beside the next publication: a slow front must not delay it.
        result.update(seconds_until_shown(urls, lambda page: shown(page, run, number), fetch, timeout=args.timeout))

    start = time.monotonic()
    for number in range(1, args.count + 1):
        time.sleep(max(0.0, start + args.first + (number - 1) * args.every - time.monotonic()))
        results.append({"number": number, "publish_s": publish_numbered(args.slug, user=user, run=run, number=number)})
        threads.append(threading.Thread(target=poll, args=(number, results[-1])))
        threads[-1].start()
    for thread in threads:
        thread.join()
    for result in results:
        print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bansos_portal.settings")
    sys.exit(main())
