"""The CDN purge hook: after a change commits, the addresses of the stored pages it outdated are sent
to settings.PAGE_CACHE_PURGE_URL, so a CDN in front of nginx drops them before their max-age runs out.

Off unless the setting is set. While on, every page stored by the portal is remembered under each of
its tags (the address with its query string, at most PURGE_PATHS_PER_TAG per tag); a change sends the
addresses remembered under its tags, as JSON `{"paths": [...], "all": false}`, and forgets them (the
next rendering remembers them again). When the addresses are not all known (every page outdated, or a
tag with more pages than remembered) it sends `"all": true`. A failed purge is logged and costs
nothing else: the CDN keeps a page no longer than its max-age anyway.
"""

import hashlib
import json
import logging
import urllib.request

from django.conf import settings

logger = logging.getLogger(__name__)

PATHS_KEY_PREFIX = "pagecache:paths:"
PURGE_PATHS_PER_TAG = 1000
# Stored instead of the addresses once a tag has more pages than are remembered.
TOO_MANY = "*"


def paths_key(tag):
    return PATHS_KEY_PREFIX + hashlib.md5(tag.encode(), usedforsecurity=False).hexdigest()


def remember_paths(tags, path):
    """Remember that the page at `path` reads `tags` (only while a purge URL is set)."""
    if not settings.PAGE_CACHE_PURGE_URL or not tags:
        return
    from .store import cache

    keys = [paths_key(tag) for tag in tags]
    known = cache().get_many(keys)
    updated = {}
    for key in keys:
        paths = known.get(key, frozenset())
        if path in paths or TOO_MANY in paths:
            continue
        updated[key] = frozenset({TOO_MANY}) if len(paths) >= PURGE_PATHS_PER_TAG else paths | {path}
    if updated:
        cache().set_many(updated, timeout=None)


def purge_changed_pages(tags):
    """Send the addresses of the pages that read `tags` (None: every page) to the purge URL."""
    url = settings.PAGE_CACHE_PURGE_URL
    if not url:
        return
    from .store import cache

    try:
        paths = set()
        everything = tags is None
        if not everything:
            keys = [paths_key(tag) for tag in tags]
            for found in cache().get_many(keys).values():
                paths |= found
            cache().delete_many(keys)
            everything = TOO_MANY in paths
        if not paths and not everything:
            return
        send_purge(url, sorted(paths - {TOO_MANY}), everything)
    except Exception as problem:
        logger.warning("CDN purge failed: %s", problem)


def send_purge(url, paths, everything):
    body = json.dumps({"paths": paths, "all": everything}).encode()
    request = urllib.request.Request(url, data=body, method="POST", headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=settings.PAGE_CACHE_PURGE_TIMEOUT) as response:
        response.read()
