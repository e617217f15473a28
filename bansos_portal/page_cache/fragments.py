"""Parts of a page kept between renders of that page, while nothing they could show has changed.

A publish outdates the stored pages that show the changed item, and those pages render again. Most of
such a page is often untouched by the change: a corrected clarification outdates the PKH page that
lists it for that list, not for its sections and tables. A part marked in its template
(`{% keep "name" %} … {% endkeep %}`, see templatetags/kept.py) is kept in the cache with the tags of
*everything the render had read by the end of that part*, before it and inside it (see tags.py), so it
depends on at least what the part could show, including what the view read for it. The next render of
the same page (the same key: address, host, encoding, htmx headers) reuses the part only when none of
those tags moved, the generation is the same and the schedule has not reached a publish, unpublish or
expiry time since: the same rules as a stored page, so a kept part is never staler than a stored page.

A part may also leave out what an isolated block above it read (`{% isolated %} … {% endisolated %}`,
see tags.isolated): the page still depends on it, the part does not, so the part must not show it.

Only renders that the page store records use kept parts: previews, signed-in staff and anything the
store would not keep always render in full.
"""

import hashlib
import time

from django.conf import settings

from .schedule import known_schedule
from .store import CacheDown, cache, request_lookup, tag_versions, tags_unchanged
from .tags import add_reads, reads_so_far, unrecorded

PART_KEY_PREFIX = "pagecache:part:"


def part_key(page_key, name):
    return PART_KEY_PREFIX + hashlib.md5(f"{page_key}\n{name}".encode(), usedforsecurity=False).hexdigest()


def kept_or_rendered(name, render):
    """The HTML of the page part `name`: kept from the last render of this page when nothing it depends on
    changed since, else `render()`, kept for the next render."""
    found = request_lookup.get()
    if found is None or found.generation is None or reads_so_far() is None:
        return render()
    key = part_key(found.key, name)
    now = time.time()
    try:
        entry = cache().get(key)
        if entry and entry["generation"] == found.generation and now < entry["fresh_until"]:
            if tags_unchanged(entry["tags"]):
                add_reads(entry["tags"].keys())
                return entry["html"]
    except Exception as problem:
        CacheDown.failed(problem)
        return render()
    html = render()
    _keep(key, found, html, now)
    return html


def _keep(key, found, html, now):
    try:
        versions = tag_versions(reads_so_far(), found.changes)
        if versions is None:
            return  # content changed during this render: what it read may already be outdated
        with unrecorded():  # read for the part's freshness, not shown: the rest of the page doesn't depend on it
            schedule = known_schedule(found, now)
        fresh_until = min(now + settings.PAGE_CACHE_SECONDS, schedule.change)
        entry = {"generation": found.generation, "tags": versions, "fresh_until": fresh_until, "html": html}
        cache().set(key, entry, timeout=settings.PAGE_CACHE_SECONDS)
    except Exception as problem:
        CacheDown.failed(problem)
