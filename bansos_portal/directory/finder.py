"""Finding a region from what people type: "dinsos kab bandung", "dinas sosial kota malang", "dinsos jatim",
"kabupaten bandng" (typo). Names are matched on their core ("Malang"), the kind words (kab, kota, prov)
and the usual province abbreviations narrow the match, and a typo within the edit-distance limit still finds it."""

import re
from dataclasses import dataclass

from bansos_portal.search.typos import edit_distance

from .models import Region

# Words that say what is sought, not where: "dinas sosial", "dinsos", "kantor"...
NOISE = {"dinas", "sosial", "dinsos", "kantor", "di", "alamat", "daerah", "pemerintah", "pemkab", "pemkot"}
KIND_WORDS = {
    "kab": Region.Kind.REGENCY,
    "kabupaten": Region.Kind.REGENCY,
    "kota": Region.Kind.CITY,
    "kotamadya": Region.Kind.CITY,
    "prov": Region.Kind.PROVINCE,
    "provinsi": Region.Kind.PROVINCE,
    "propinsi": Region.Kind.PROVINCE,
}
# Abbreviations in everyday use, to Kemendagri province codes (which never change with a name).
PROVINCE_ABBREVIATIONS = {
    "nad": "11",
    "sumut": "12",
    "sumbar": "13",
    "sumsel": "16",
    "babel": "19",
    "kepri": "21",
    "dki": "31",
    "jakarta": "31",
    "jabar": "32",
    "jateng": "33",
    "diy": "34",
    "jogja": "34",
    "yogya": "34",
    "jogjakarta": "34",
    "jatim": "35",
    "ntb": "52",
    "ntt": "53",
    "kalbar": "61",
    "kalteng": "62",
    "kalsel": "63",
    "kaltim": "64",
    "kaltara": "65",
    "sulut": "71",
    "sulteng": "72",
    "sulsel": "73",
    "sultra": "74",
    "sulbar": "76",
    "malut": "82",
    "pabar": "92",
    "papbar": "92",
    "pbd": "96",
}
PREFIX = re.compile(r"^(kabupaten|kota|provinsi)\s+")
MAX_RESULTS = 8


@dataclass(frozen=True)
class Query:
    words: tuple
    kind: str | None
    province_code: str | None


def normalise(text):
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def parse(text):
    """Split a typed query into the name words, the kind asked for and a province named by abbreviation."""
    kind, province_code, words = None, None, []
    for word in normalise(text).split():
        if word in NOISE:
            continue
        if word in KIND_WORDS:
            kind = KIND_WORDS[word]
        elif word in PROVINCE_ABBREVIATIONS:
            province_code = PROVINCE_ABBREVIATIONS[word]
        else:
            words.append(word)
    return Query(tuple(words), kind, province_code)


def core_name(region):
    """The name without its kind: "Kota Malang" → "malang", "Daerah Khusus Ibukota Jakarta" as it is."""
    return PREFIX.sub("", normalise(region.name))


def allowed_distance(text):
    return 1 if len(text) <= 5 else 2 if len(text) <= 10 else 3


def name_score(wanted, core):
    """0 for the name itself, higher for looser matches, None for no match."""
    if wanted == core:
        return 0
    if core.startswith(wanted) and len(wanted) >= 3:
        return 1
    if wanted in core.split() or (len(wanted) >= 4 and wanted in core):
        return 2
    limit = allowed_distance(wanted)
    distance = edit_distance(wanted, core, limit=limit)
    if distance <= limit:
        return 2 + distance
    # "bandng barat": a typo in a name of several words, compared on the same number of words.
    head = " ".join(core.split()[: len(wanted.split())])
    distance = edit_distance(wanted, head, limit=limit)
    return 3 + distance if head != core and distance <= limit else None


def score(query, region):
    if query.province_code and region.province.code != query.province_code:
        return None
    wanted = " ".join(query.words)
    if not wanted:
        # "dinsos jatim": the province itself.
        return 0 if region.is_province else None
    base = name_score(wanted, core_name(region))
    if base is None:
        return None
    # "kab bandung" prefers the kabupaten, "kota bandung" the kota; with no kind, the province ranks first.
    if query.kind:
        return base * 4 + (0 if region.kind == query.kind else 2)
    return base * 4 + (0 if region.is_province else 1)


def find(text, regions=None):
    """Active regions matching the typed text, best first (at most MAX_RESULTS)."""
    query = parse(text)
    if not query.words and not query.province_code:
        return []
    if regions is None:
        regions = Region.objects.active().select_related("parent")
    scored = [(value, region.code, region) for region in regions if (value := score(query, region)) is not None]
    return [region for _, _, region in sorted(scored, key=lambda item: item[:2])][:MAX_RESULTS]
