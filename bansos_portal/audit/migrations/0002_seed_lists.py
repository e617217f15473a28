"""The audit's first lists, which Humas keep up to date in the admin: official and reputable source hosts,
hosts that are never a source for an official fact, and phrases that are guesses in the ministry's voice.
The Penyunting role gets to edit both lists."""

from importlib import import_module

from django.db import migrations

create_groups = import_module("bansos_portal.editorial.migrations.0002_editorial_groups").create_groups

OFFICIAL = {
    "go.id": "Semua situs pemerintah Indonesia",
    "kemensos.go.id": "Kementerian Sosial, termasuk cekbansos dan JDIH Kemensos",
    "kemenkeu.go.id": "Kementerian Keuangan",
    "bpjs-kesehatan.go.id": "BPJS Kesehatan",
    "peraturan.go.id": "Basis data peraturan (Kemenkumham)",
    "peraturan.bpk.go.id": "JDIH BPK: basis data peraturan",
    "jdihn.go.id": "Jaringan Dokumentasi dan Informasi Hukum Nasional",
    "setkab.go.id": "Sekretariat Kabinet",
    "kemendikdasmen.go.id": "Kementerian Pendidikan Dasar dan Menengah, termasuk situs PIP",
    "tnp2k.go.id": "TNP2K",
    "infopublik.id": "Portal berita pemerintah (Komdigi)",
    "indonesiabaik.id": "Portal informasi pemerintah (Komdigi)",
    "worldbank.org": "Bank Dunia",
}
PRESS = [
    "antaranews.com",
    "kompas.com",
    "kompas.id",
    "kompas.tv",
    "detik.com",
    "tempo.co",
    "cnnindonesia.com",
    "cnbcindonesia.com",
    "liputan6.com",
    "tirto.id",
    "katadata.co.id",
    "bisnis.com",
    "kontan.co.id",
    "republika.co.id",
    "mediaindonesia.com",
    "medcom.id",
    "merdeka.com",
    "okezone.com",
    "sindonews.com",
    "tribunnews.com",
    "suara.com",
    "beritasatu.com",
    "idntimes.com",
    "jpnn.com",
    "jawapos.com",
    "kumparan.com",
    "viva.co.id",
    "inews.id",
    "pikiran-rakyat.com",
    "voi.id",
    "thejakartapost.com",
    "jakartaglobe.id",
    # Fact checkers: Mafindo's turnbackhoax.id and the national newsrooms' cekfakta.com.
    "turnbackhoax.id",
    "cekfakta.com",
]
FLAGGED = {
    "blogspot.com": "Blog: salinan, bukan sumber asli",
    "wordpress.com": "Blog: salinan, bukan sumber asli",
    "scribd.com": "Unggahan dokumen oleh siapa saja: cari dokumen aslinya di JDIH atau situs instansinya",
    "123dok.com": "Unggahan dokumen oleh siapa saja",
    "fdokumen.com": "Unggahan dokumen oleh siapa saja",
    "docplayer.info": "Unggahan dokumen oleh siapa saja",
    "pdfcoffee.com": "Unggahan dokumen oleh siapa saja",
    "studocu.com": "Unggahan dokumen oleh siapa saja",
    "jalurnyaman.com": "Situs penyalin berita",
    "wiki-indonesia.club": "Cermin Wikipedia",
}
PHRASES = {
    "kemungkinan": "",
    "kemungkinan besar": "",
    "menurut satu sumber": "Sebut sumbernya dengan namanya, atau jangan tulis klaimnya.",
    "menurut sebuah sumber": "Sebut sumbernya dengan namanya, atau jangan tulis klaimnya.",
    "diperkirakan": "Tulis angka yang bersumber, atau bahwa angkanya belum diketahui.",
    "sepertinya": "",
    "tampaknya": "",
    "barangkali": "",
    "konon": "",
    "kabarnya": "",
}


def seed(apps, schema_editor):
    SourceDomain = apps.get_model("audit", "SourceDomain")
    rows = [
        *((domain, "resmi", note) for domain, note in OFFICIAL.items()),
        *((domain, "pers", "") for domain in PRESS),
        *((domain, "ditandai", note) for domain, note in FLAGGED.items()),
    ]
    for domain, kind, note in rows:
        SourceDomain.objects.get_or_create(domain=domain, defaults={"kind": kind, "note": note})
    SpeculativePhrase = apps.get_model("audit", "SpeculativePhrase")
    for phrase, note in PHRASES.items():
        SpeculativePhrase.objects.get_or_create(phrase=phrase, defaults={"note": note})


def unseed(apps, schema_editor):
    apps.get_model("audit", "SourceDomain").objects.filter(domain__in=[*OFFICIAL, *PRESS, *FLAGGED]).delete()
    apps.get_model("audit", "SpeculativePhrase").objects.filter(phrase__in=PHRASES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_source_domains_and_phrases"),
        ("editorial", "0008_roles_official_accounts"),
    ]

    operations = [
        migrations.RunPython(seed, unseed),
        migrations.RunPython(create_groups, migrations.RunPython.noop),
    ]
