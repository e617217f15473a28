"""Every public page type, as a citizen reaches it, filled with the demo content.

The accessibility, validity, screenshot and weight checks all walk this one list, so a new page
type added here is checked everywhere at once.
"""

import json

from bansos_portal.content_file.load import DEMO_CONTENT, import_content

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
    "tidak-ditemukan": "/halaman-yang-tidak-ada/",
}


def load_demo_content():
    import_content(data=json.loads(DEMO_FILE.read_text(encoding="utf-8")))
