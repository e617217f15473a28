import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command

from bansos_portal.directory.models import Office, OfficeDetailSource, OperatorRegion, Region
from bansos_portal.publishing import Status


@pytest.fixture
def regions(db):
    call_command("load_regions", stdout=open("/dev/null", "w"))
    return Region.objects


@pytest.fixture
def make_office(regions):
    def make(code, *, status=Status.PUBLISHED, verified=("address", "phones"), **fields):
        region = Region.objects.get(code=code)
        fields.setdefault("name", region.office_name())
        fields.setdefault("address", f"Jl. Contoh No. 1, {region.name}")
        fields.setdefault("phones", "(0341) 123-456")
        office = Office.objects.create(region=region, status=status, **fields)
        for detail in verified:
            OfficeDetailSource.objects.create(office=office, detail=detail, url="https://example.go.id/kontak")
        return office

    return make


@pytest.fixture
def make_operator(db):
    def make(username, *codes):
        user = User.objects.create_user(username, password="rahasia-operator", is_staff=True)
        user.groups.add(Group.objects.get(name="Operator Daerah"))
        for code in codes:
            OperatorRegion.objects.create(user=user, region=Region.objects.get(code=code))
        return user

    return make
