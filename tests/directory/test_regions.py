from bansos_portal.directory.models import Office, Region
from bansos_portal.directory.regions import Entry, package_entries, sync_regions


def test_load_regions_holds_every_province_and_kabupaten_kota_of_the_package(regions):
    entries = package_entries()

    assert Region.objects.count() == len(entries)
    assert Region.objects.provinces().count() == sum(entry.kind == "provinsi" for entry in entries) == 38
    assert Region.objects.regencies().count() == len(entries) - 38
    assert Region.objects.get(code="35.73").name == "Kota Malang"


def test_rerunning_renames_a_region_keeps_its_office_and_redirects_its_old_address(regions, make_office, client):
    office = make_office("35.73")
    old_url = Region.objects.get(code="35.73").get_absolute_url()
    renamed = [Entry(e.code, "Kota Malang Raya" if e.code == "35.73" else e.name, e.kind) for e in package_entries()]

    report = sync_regions(renamed)

    region = Region.objects.get(code="35.73")
    assert report.renamed == 1 and report.created == 0
    assert Office.objects.get(pk=office.pk).region == region
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == region.get_absolute_url() == "/dinas-sosial/jawa-timur/kota-malang-raya/"


def test_a_region_gone_from_the_package_is_archived_and_answers_410_naming_its_successor(regions, client):
    entries = [entry for entry in package_entries() if entry.code != "35.07"]

    sync_regions(entries, successors={"35.07": "35.73"})

    region = Region.objects.get(code="35.07")
    assert region.archived_at is not None and region.successor.code == "35.73"
    response = client.get(region.get_absolute_url())
    assert response.status_code == 410
    assert "Kota Malang" in response.content.decode()


def test_rerunning_with_the_same_data_changes_nothing(regions):
    report = sync_regions(package_entries())

    assert (report.created, report.renamed, report.archived) == (0, 0, 0)
