"""Office details that were read on an official published page, shipped in data/offices.json with the
page and the date they were checked. Loaded once: an office already in the database (edited by Humas or
an Operator Daerah since) is never overwritten."""

import json
from datetime import date
from pathlib import Path

from bansos_portal.publishing import Status
from bansos_portal.search.index import deferred_indexing

from .models import Office, OfficeDetailSource, Region

OFFICES_FILE = Path(__file__).parent / "data" / "offices.json"
DETAIL_FIELDS = ["name", "address", "directions", "phones", "whatsapp", "email", "website", "opening_hours"]


def verified_offices():
    return json.loads(OFFICES_FILE.read_text(encoding="utf-8"))


@deferred_indexing()  # one transaction; each region indexed once, with its office's sources
def load_offices(entries):
    """Create the offices of `entries` whose region has none yet; returns how many were created."""
    created = 0
    for entry in entries:
        region = Region.objects.filter(code=entry["region"]).first()
        if region is None or Office.objects.live().filter(region=region).exists():
            continue
        office = Office(region=region, status=Status.PUBLISHED, **{k: entry[k] for k in DETAIL_FIELDS if k in entry})
        office.mark_reviewed()
        office.save()
        for source in entry["sources"]:
            for detail in source["details"]:
                OfficeDetailSource.objects.create(
                    office=office,
                    detail=detail,
                    url=source["url"],
                    title=source.get("title", ""),
                    verified_on=date.fromisoformat(source["verified_on"]),
                )
        created += 1
    return created
