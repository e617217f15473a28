"""Every public page type, as a citizen reaches it, filled with the demo content.

The accessibility, validity, screenshot and weight checks all walk this one list, so a new page
type added here is checked everywhere at once.
"""

import json

from bansos_portal.content_file.load import DEMO_CONTENT, import_content
from bansos_portal.directory.offices import load_offices, verified_offices
from bansos_portal.directory.regions import package_entries, sync_regions
from bansos_portal.precheck.demo import load_demo as load_precheck_rules

DEMO_FILE = DEMO_CONTENT

# name -> path. Slugs are those of the demo content.
PUBLIC_PAGES = {
    "beranda": "/",
    "daftar-program": "/program/",
    "program": "/program/pkh/",
    "anggaran": "/anggaran/",
    "tanya-jawab": "/tanya-jawab/",
    "kategori": "/tanya-jawab/kategori/daftar/",
    "jawaban": "/tanya-jawab/cara-cek-apakah-saya-terdaftar-penerima-bansos/",
    "cek-fakta": "/cek-fakta/",
    "klarifikasi": "/cek-fakta/hoaks-subsidi-ppkm-rp300-ribu-subsidippkm-online/",
    "cari-kosong": "/cari/",
    "cari-hasil": "/cari/?q=cara+daftar+pkh",
    "cari-salah-ketik": "/cari/?q=pendaftran+pkh",
    "cari-tanpa-hasil": "/cari/?q=zzxqy",
    "leaflet": "/program/pkh/leaflet/",
    "buklet": "/program/buklet/",
    "sematan-program": "/sematkan/program/pkh/",
    "sematan-jawaban": "/sematkan/tanya-jawab/cara-cek-apakah-saya-terdaftar-penerima-bansos/",
    "data-terbuka": "/data-terbuka/",
    "cek-bantuan": "/cek-bantuan/",
    "dinas-sosial": "/dinas-sosial/",
    "dinas-sosial-cari": "/dinas-sosial/?q=dinsos+kab+bandung",
    "dinas-sosial-provinsi": "/dinas-sosial/jawa-timur/",
    "dinas-sosial-kabupaten": "/dinas-sosial/jawa-barat/kabupaten-bandung/",
    "sematan-dinas-sosial": "/sematkan/dinas-sosial/jawa-timur/",
    "program-terima-kasih": "/program/pkh/?terima-kasih=1",
    "tentang": "/tentang/",
    "kontak": "/kontak/",
    "privasi": "/privasi/",
    "akun-resmi": "/akun-resmi/",
    "istilah": "/istilah/",
    "istilah-cari": "/istilah/?q=dtsn",
    "istilah-satu": "/istilah/dtsen/",
    "tidak-ditemukan": "/halaman-yang-tidak-ada/",
}


def load_demo_content():
    """What `load_demo` puts in a fresh database: programs and answers, pre-check rules, regions and offices.
    Returns the counts per kind that importing the content file gave."""
    counts = import_content(data=json.loads(DEMO_FILE.read_text(encoding="utf-8")))
    load_precheck_rules()
    sync_regions(package_entries())
    load_offices(verified_offices())
    return counts
