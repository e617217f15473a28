"""Caches downstream (browsers, the shipped nginx, a CDN) cannot hear of a withdrawal: what they may keep
is bounded, so an unpublished, archived or deleted item is gone from every copy within max-age + 30 s.
What the portal's own store does while the database is down is tested in test_faults.py."""

import re

from django.conf import settings

NGINX_CONFIG = settings.BASE_DIR / "bansos_portal" / "deploy" / "nginx" / "portal-bansos.conf"


def directives(cache_control):
    found = (part.strip().partition("=") for part in cache_control.split(","))
    return {name: int(value) if value else True for name, _, value in found}


def test_downstream_caches_may_show_a_page_at_most_30_seconds_past_its_max_age(client, make_program):
    program = make_program()

    told = directives(client.get(program.get_absolute_url())["Cache-Control"])

    assert told["max-age"] <= 60
    assert told["stale-while-revalidate"] <= 30 and told["stale-if-error"] <= 30


def test_the_shipped_nginx_serves_stale_copies_only_within_those_windows():
    active = [line.split("#")[0].strip() for line in NGINX_CONFIG.read_text().splitlines()]
    use_stale = [line for line in active if line.startswith("proxy_cache_use_stale")]

    # Any parameter would serve stale copies with no limit but the cache's own (a day here).
    assert use_stale == ["proxy_cache_use_stale off;"]
    assert re.search(r"proxy_cache_bypass \$cookie_sessionid\b", "\n".join(active))
