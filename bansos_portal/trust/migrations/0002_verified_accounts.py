"""The ministry's accounts whose address an official source names, shown from the first deployment.

Only these two could be checked against a government page (the public-service registry of KemenPAN-RB
names ppid.kemensos.go.id, a part of kemensos.go.id). Social media accounts are left for Humas to add from
kemensos.go.id's own links: until one is verified, /akun-resmi/ says that platform has none yet."""

import datetime

from django.db import migrations

SOURCE = (
    "https://sippn.menpan.go.id/pelayanan-publik/147/sekretariat-jenderal/pelayanan-informasi-ppid-kementerian-sosial-ri"
)
ACCOUNTS = [
    {"platform": "situs", "handle": "kemensos.go.id", "url": "https://kemensos.go.id/", "order": 1},
    {"platform": "situs", "handle": "ppid.kemensos.go.id", "url": "https://ppid.kemensos.go.id/", "order": 2},
]


def add_accounts(apps, schema_editor):
    OfficialAccount = apps.get_model("trust", "OfficialAccount")
    for account in ACCOUNTS:
        OfficialAccount.objects.get_or_create(
            platform=account["platform"],
            url=account["url"],
            defaults={**account, "source_url": SOURCE, "verified_on": datetime.date(2026, 12, 6), "is_published": True},
        )


def remove_accounts(apps, schema_editor):
    OfficialAccount = apps.get_model("trust", "OfficialAccount")
    OfficialAccount.objects.filter(url__in=[account["url"] for account in ACCOUNTS]).delete()


class Migration(migrations.Migration):
    dependencies = [("trust", "0001_initial")]

    operations = [migrations.RunPython(add_accounts, remove_accounts)]
