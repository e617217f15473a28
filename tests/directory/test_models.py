"""What site search reads of a region's page: never a detail its page would not show."""

from bansos_portal.directory.models import OfficeDetailSource, Region
from bansos_portal.publishing import Status


def test_a_region_without_an_office_says_its_details_are_not_verified(regions):
    document = Region.objects.get(code="32.04").search_document()

    assert document["title"] == "Dinas Sosial Kabupaten Bandung"
    assert document["summary"] == "Rincian kantor daerah ini belum terverifikasi."
    assert "Provinsi Jawa Barat" in document["body_html"]


def test_verified_address_and_phones_are_the_summary(make_office):
    make_office("35.73", phones="(0341) 123-456\n0812 3456 7890")

    document = Region.objects.get(code="35.73").search_document()

    assert document["summary"] == "Alamat: Jl. Contoh No. 1, Kota Malang. Telepon: (0341) 123-456, 0812 3456 7890."


def test_a_detail_without_a_source_or_an_unpublished_office_is_not_in_the_document(make_office):
    make_office("35.73", verified=("address",), phones="(0341) 999-999")
    make_office("35.07", status=Status.DRAFT, address="Jl. Draf No. 9")

    malang, kabupaten = (Region.objects.get(code=code).search_document() for code in ("35.73", "35.07"))

    assert "999" not in malang["summary"] and "Jl. Contoh No. 1" in malang["summary"]
    assert "Jl. Draf" not in str(kabupaten) and kabupaten["summary"].endswith("belum terverifikasi.")


def test_the_office_name_and_verified_services_are_in_the_body(make_office, make_program):
    pkh = make_program(name="Program Keluarga Harapan", acronym="PKH")
    office = make_office("35.73", name="Dinas Sosial P3A Kota Malang", verified=("address", "services"))
    office.services.add(pkh)

    region = Region.objects.get(code="35.73")
    body = region.search_document()["body_html"]

    assert "Dinas Sosial P3A Kota Malang" in body and "Layanan program: PKH." in body
    assert region.search_programs() == [pkh]
    OfficeDetailSource.objects.filter(detail="services").delete()
    assert "PKH" not in Region.objects.get(code="35.73").search_document()["body_html"]


def test_an_archived_region_is_not_public(regions):
    region = Region.objects.get(code="32.04")
    assert region.search_publication()["status"] == Status.PUBLISHED

    region.archived_at = region.updated_at
    assert region.search_publication()["status"] == Status.ARCHIVED
