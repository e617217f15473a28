"""Staff accounts for non-technical Humas: one form with a role, superuser stays with superusers, the
warning before a sign-in lockout, the lockout page and the Administrator's «Buka kunci»."""

import pytest
from axes.models import AccessAttempt
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, Permission, User
from django.test import Client
from django.urls import reverse

from bansos_portal.editorial.roles import ensure_roles
from tests.conftest import login_as

PASSWORD = "kata-sandi-humas-yang-panjang-2026"


@pytest.fixture
def administrator(db):
    return login_as("Administrator", "andi")


def new_member(**overrides):
    groups = ensure_roles(Group, Permission)
    return {
        "first_name": "Sari",
        "last_name": "Lestari",
        "email": "sari@example.go.id",
        "username": "sari",
        "role": groups["Penulis"].pk,
        "password1": PASSWORD,
        "password2": PASSWORD,
        **overrides,
    }


def sign_in(client, username, password=PASSWORD):
    return client.post(reverse("admin:login"), {"username": username, "password": password})


def test_an_administrator_adds_a_staff_member_with_a_role_in_one_form_and_they_sign_in(administrator):
    page = administrator.get(reverse("admin:auth_user_add"))
    response = administrator.post(reverse("admin:auth_user_add"), new_member())

    user = User.objects.get(username="sari")
    assert "Peran" in page.text and "Operator Daerah" in page.text
    assert response.status_code == 302
    assert user.is_staff and not user.is_superuser
    assert [group.name for group in user.groups.all()] == ["Penulis"]
    assert user.email == "sari@example.go.id"
    member = Client()
    assert sign_in(member, "sari").status_code == 302
    assert member.get(reverse("admin:programs_program_changelist")).status_code == 200


def test_a_weak_password_or_missing_role_is_refused_with_a_clear_answer(administrator):
    weak = administrator.post(reverse("admin:auth_user_add"), new_member(password1="12345", password2="12345"))
    no_role = administrator.post(reverse("admin:auth_user_add"), new_member(role=""))

    assert weak.status_code == 200 and "terlalu pendek" in weak.text
    assert no_role.status_code == 200 and "Bidang ini tidak boleh kosong" in no_role.text
    assert not User.objects.filter(username="sari").exists()


def test_an_administrator_never_sees_nor_grants_superuser(administrator):
    member = User.objects.create_user("sari", password=PASSWORD, is_staff=True)
    url = reverse("admin:auth_user_change", args=[member.pk])
    page = administrator.get(url)
    form = page.context["adminform"].form
    data = {
        "username": "sari",
        "first_name": "",
        "last_name": "",
        "email": "",
        "is_active": "on",
        "is_staff": "on",
        "is_superuser": "on",  # forged: the form has no such field for an Administrator
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "08:00:00",
    }

    response = administrator.post(url, data)

    assert "is_superuser" not in form.fields and 'name="is_superuser"' not in page.text
    assert response.status_code == 302
    assert not User.objects.get(pk=member.pk).is_superuser
    assert not User.objects.get(pk=administrator.user.pk).is_superuser


def test_an_administrator_cannot_change_a_superusers_password(administrator):
    chief = User.objects.create_superuser("kepala", password=PASSWORD)

    page = administrator.get(reverse("admin:auth_user_change", args=[chief.pk]))
    password = administrator.post(
        reverse("admin:auth_user_password_change", args=[chief.pk]),
        {"password1": "kata-sandi-baru-yang-panjang-1", "password2": "kata-sandi-baru-yang-panjang-1"},
    )

    assert page.status_code == 200 and 'name="username"' not in page.text  # read-only
    assert password.status_code == 403
    assert User.objects.get(pk=chief.pk).check_password(PASSWORD)


def test_a_superuser_can_grant_superuser(db):
    chief = User.objects.create_superuser("kepala", password=PASSWORD)
    client = Client()
    client.force_login(chief)
    member = User.objects.create_user("sari", password=PASSWORD, is_staff=True)

    page = client.get(reverse("admin:auth_user_change", args=[member.pk]))

    assert "is_superuser" in page.context["adminform"].form.fields


def test_giving_a_role_on_the_change_form_gives_access_to_the_admin(administrator):
    member = User.objects.create_user("sari", password=PASSWORD, is_staff=False)
    editor = ensure_roles(Group, Permission)["Penyunting"]
    data = {
        "username": "sari",
        "is_active": "on",
        "groups": [editor.pk],
        "date_joined_0": "2026-01-01",
        "date_joined_1": "08:00:00",
    }

    response = administrator.post(reverse("admin:auth_user_change", args=[member.pk]), data)

    assert response.status_code == 302
    assert User.objects.get(pk=member.pk).is_staff


def test_the_login_page_warns_when_one_try_is_left(db):
    User.objects.create_user("sari", password=PASSWORD, is_staff=True)
    client = Client()
    early = [sign_in(client, "sari", "salah") for _ in range(3)]
    last_but_one = sign_in(client, "sari", "salah")

    assert all("percobaan lagi" not in response.text for response in early)
    assert last_but_one.status_code == 200
    assert "1 percobaan lagi sebelum akun dikunci 30 menit" in last_but_one.text


def test_the_lockout_page_speaks_humas_and_leads_back(db):
    User.objects.create_user("sari", password=PASSWORD, is_staff=True)
    client = Client()
    for _ in range(5):
        locked = sign_in(client, "sari", "salah")

    assert locked.status_code == 429
    assert "Akun dikunci sementara" in locked.text and "hubungi Administrator" in locked.text
    assert "Administrasi Django" not in locked.text and "Django" not in locked.text
    assert "axes_reset" not in locked.text and "manage.py" not in locked.text
    assert f'href="{reverse("admin:login")}"' in locked.text


def lock_out(username):
    client = Client()
    for _ in range(5):
        sign_in(client, username, "salah")
    return client


def test_an_administrator_unlocks_an_account_and_the_owner_signs_in(administrator):
    member = User.objects.create_user("sari", password=PASSWORD, is_staff=True)
    owner = lock_out("sari")
    assert sign_in(owner, "sari").status_code == 429
    user_page = reverse("admin:auth_user_change", args=[member.pk])

    page = administrator.get(user_page)
    locked_list = administrator.get(reverse("admin:auth_user_changelist") + "?kunci=terkunci")
    unlocked = administrator.post(reverse("admin:auth_user_unlock", args=[member.pk]))

    assert "Buka kunci" in page.text
    assert list(locked_list.context["cl"].result_list) == [member]
    assert unlocked.status_code == 302
    assert not AccessAttempt.objects.filter(username="sari").exists()
    assert LogEntry.objects.filter(object_id=str(member.pk), change_message="Kunci masuk dibuka.").exists()
    assert sign_in(owner, "sari").status_code == 302
    assert "Buka kunci" not in administrator.get(user_page).text


def test_the_unlock_action_on_the_list_unlocks_the_selected_accounts(administrator):
    member = User.objects.create_user("sari", password=PASSWORD, is_staff=True)
    lock_out("sari")

    administrator.post(
        reverse("admin:auth_user_changelist"), {"action": "unlock_selected", "_selected_action": [member.pk]}
    )

    assert not AccessAttempt.objects.filter(username="sari").exists()


def test_only_those_who_manage_accounts_unlock(db):
    User.objects.create_user("sari", password=PASSWORD, is_staff=True)
    lock_out("sari")
    writer = login_as("Penulis", "wulan")

    response = writer.post(reverse("admin:auth_user_unlock", args=[User.objects.get(username="sari").pk]))
    wrong_method = writer.get(reverse("admin:auth_user_unlock", args=[1]))

    assert response.status_code == 403
    assert wrong_method.status_code == 405
    assert AccessAttempt.objects.filter(username="sari").exists()


def test_group_permissions_are_named_in_indonesian(db):
    chief = User.objects.create_superuser("kepala", password=PASSWORD)
    client = Client()
    client.force_login(chief)
    group = ensure_roles(Group, Permission)["Penulis"]

    page = client.get(reverse("admin:auth_group_change", args=[group.pk]))

    assert "Boleh mengubah program" in page.text
    assert "Can change" not in page.text and "Can add" not in page.text
