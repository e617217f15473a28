"""/api/v1/dinas-sosial/: the published Dinas Sosial offices, each detail with its source and the date it
was verified. Narrowed by province (slug or Kemendagri code) and by a typed region name, as on the site."""

from datetime import date
from typing import Annotated

from django.http import HttpResponse
from ninja import Query, Router
from pydantic import Field

from bansos_portal.directory import finder
from bansos_portal.directory.models import Office, OfficeDetailSource, Region

from .content import SLUG, PageNumber, PageSize, paginated
from .http import ApiError
from .schemas import Date, DateTime, Page, Shape, Url, absolute, answers

router = Router()


class DetailSource(Shape):
    detail: str = Field(description="Rincian yang didukung: " + ", ".join(OfficeDetailSource.Detail.values))
    url: Url
    title: str
    verified_on: Date


class RegionShape(Shape):
    code: str = Field(description="Kode wilayah Kemendagri.")
    name: str
    kind: str
    province: str
    url: Url

    @staticmethod
    def resolve_province(region):
        return region.province.name

    @staticmethod
    def resolve_url(region, context):
        return absolute(context, region.get_absolute_url())


class OfficeShape(Shape):
    name: str
    region: RegionShape
    address: str
    directions: str
    phones: list[str]
    whatsapp: str
    email: str
    website: str
    social_accounts: list[str]
    opening_hours: str
    services: list[str] = Field(description="Slug program yang dilayani.")
    note: str
    sources: list[DetailSource]
    last_verified: date | None
    embed_url: Url
    updated_at: DateTime

    # Only details a source backs are published, as on the office's page.
    resolve_address = staticmethod(lambda office: office.shown("address"))
    resolve_directions = staticmethod(lambda office: office.shown("directions"))
    resolve_whatsapp = staticmethod(lambda office: office.shown("whatsapp"))
    resolve_email = staticmethod(lambda office: office.shown("email"))
    resolve_website = staticmethod(lambda office: office.shown("website"))
    resolve_opening_hours = staticmethod(lambda office: office.shown("opening_hours"))

    @staticmethod
    def resolve_phones(office):
        return [number for number, _ in office.phone_numbers()] if office.shown("phones") else []

    @staticmethod
    def resolve_social_accounts(office):
        return office.social_links() if office.shown("social_accounts") else []

    @staticmethod
    def resolve_services(office):
        if not office.shown("services"):
            return []
        return [program.slug for program in office.services.all() if program.is_published()]

    @staticmethod
    def resolve_last_verified(office):
        return office.verified_on()

    @staticmethod
    def resolve_embed_url(office, context):
        return absolute(context, office.region.embed_url())


class OfficePage(Page):
    results: list[OfficeShape]


def _province(value):
    if not SLUG.fullmatch(value.replace(".", "-")):
        raise ApiError("provinsi tidak sah: pakai slug (jawa-timur) atau kode Kemendagri (35).")
    province = (
        Region.objects.provinces().filter(slug=value).first() or Region.objects.provinces().filter(code=value).first()
    )
    if province is None:
        raise ApiError(f"provinsi {value[:100]!r} tidak dikenal.")
    return province


@router.get(
    "/dinas-sosial/",
    **answers(OfficePage),
    url_name="api_offices",
    operation_id="listOffices",
    summary="Kantor Dinas Sosial yang terbit, setiap rincian dengan sumber dan tanggal verifikasinya.",
)
def offices(
    request,
    response: HttpResponse,
    page: PageNumber,
    limit: PageSize,
    provinsi: Annotated[str, Query("", description="Slug atau kode Kemendagri provinsi, misalnya jawa-timur atau 35.")],
    q: Annotated[
        str, Query("", max_length=100, description="Nama daerah seperti diketik, misalnya dinsos kota malang.")
    ],
):
    queryset = Office.objects.for_listing()
    if provinsi:
        province = _province(provinsi)
        queryset = queryset.filter(region__in=[province, *province.children.all()])
    if q:
        queryset = queryset.filter(region__in=finder.find(q))
    return paginated(request, response, queryset, page, limit)
