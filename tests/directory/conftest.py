import pytest
from django.contrib.auth.models import Group, User

from bansos_portal.directory.models import OperatorRegion, Region


@pytest.fixture
def make_operator(db):
    def make(username, *codes):
        user = User.objects.create_user(username, password="rahasia-operator", is_staff=True)
        user.groups.add(Group.objects.get(name="Operator Daerah"))
        for code in codes:
            OperatorRegion.objects.create(user=user, region=Region.objects.get(code=code))
        return user

    return make
