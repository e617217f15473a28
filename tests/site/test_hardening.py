"""Security headers, sign-in throttling, two-factor sign-in for publishers, password rules."""

import re
from datetime import timedelta
from io import StringIO

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Permission, User
from django.contrib.auth.password_validation import validate_password
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from freezegun import freeze_time

from bansos_portal.two_factor import issue_enrolment_code
from programs.models import Program

PASSWORD = "kata-sandi-humas-yang-panjang-2026"


@pytest.fixture
def two_factor(settings):
    settings.TWO_FACTOR_REQUIRED = True


@pytest.fixture
def editor(db):
    """Staff who can write but not publish."""
    user = User.objects.create_user("penulis", password=PASSWORD, is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="change_program"))
    return user


@pytest.fixture
def publisher(db):
    content_type = ContentType.objects.get_for_model(Program)
    permission, _ = Permission.objects.get_or_create(
        codename="publish_program", content_type=content_type, defaults={"name": "Can publish program"}
    )
    user = User.objects.create_user("penerbit", password=PASSWORD, is_staff=True)
    user.user_permissions.add(permission, Permission.objects.get(codename="change_program"))
    return user


def sign_in(client, username, password=PASSWORD):
    return client.post(reverse("admin:login"), {"username": username, "password": password})


def current_code(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def enter_enrolment_code(client, user):
    """The owner types the code an Administrator gave them; returns the device being enrolled."""
    client.post(reverse("two_factor"), {"enrolment_code": issue_enrolment_code(user)})
    return TOTPDevice.objects.get(user=user)


def test_public_pages_carry_the_security_headers(client, db):
    response = client.get(reverse("home"))

    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_https_responses_carry_hsts_in_production(client, db, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True

    response = client.get(reverse("home"), secure=True)

    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_repeated_failed_sign_ins_lock_the_account_without_storing_an_ip(client, editor):
    for _ in range(4):
        assert sign_in(client, "penulis", "salah").status_code == 200
    assert sign_in(client, "penulis", "salah").status_code == 429

    locked = sign_in(client, "penulis")  # even the right password, until the cool-off ends

    assert locked.status_code == 429 and "Akun dikunci sementara" in locked.text
    assert not client.session.get("_auth_user_id")
    attempt = AccessAttempt.objects.get(username="penulis")
    assert attempt.failures_since_start >= 5
    assert attempt.ip_address != "127.0.0.1" and "127.0.0.1" not in attempt.post_data + attempt.get_data


def test_whoever_locks_a_staff_name_locks_only_their_own_client(editor):
    attacker, owner = Client(REMOTE_ADDR="203.0.113.7"), Client(REMOTE_ADDR="198.51.100.20")
    for _ in range(5):
        sign_in(attacker, "penulis", "salah")

    owner_signs_in = sign_in(owner, "penulis")

    assert owner_signs_in.status_code == 302 and owner.get(reverse("admin:index")).status_code == 200
    assert sign_in(attacker, "penulis").status_code == 429  # still locked, even with the right password
    stored = set(AccessAttempt.objects.values_list("ip_address", flat=True))
    assert stored and not stored & {"203.0.113.7", "198.51.100.20"}  # a keyed hash, never the address


def test_new_addresses_in_ones_own_ipv6_network_buy_no_extra_tries(editor):
    for number in range(1, 6):
        sign_in(Client(REMOTE_ADDR=f"2001:db8:5:6::{number}"), "penulis", "salah")

    assert sign_in(Client(REMOTE_ADDR="2001:db8:5:6::ffff"), "penulis").status_code == 429
    assert sign_in(Client(REMOTE_ADDR="2001:db8:5:7::1"), "penulis").status_code == 302


def test_behind_the_proxy_clients_are_told_apart_by_the_header_it_sets(editor, settings):
    settings.CLIENT_IP_HEADER = "X-Real-IP"
    attacker, owner = Client(headers={"X-Real-IP": "203.0.113.7"}), Client(headers={"X-Real-IP": "198.51.100.20"})
    for _ in range(5):
        sign_in(attacker, "penulis", "salah")

    assert sign_in(owner, "penulis").status_code == 302
    assert sign_in(attacker, "penulis").status_code == 429


def test_a_forged_address_header_buys_no_extra_tries(editor):
    for number in range(1, 6):
        sign_in(Client(headers={"X-Real-IP": f"203.0.113.{number}"}), "penulis", "salah")

    assert sign_in(Client(headers={"X-Real-IP": "203.0.113.99"}), "penulis").status_code == 429


def test_a_correct_password_after_a_few_mistakes_still_works(client, editor):
    for _ in range(3):
        sign_in(client, "penulis", "salah")

    assert sign_in(client, "penulis").status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_publisher_must_enrol_an_authenticator_before_the_admin(client, publisher, two_factor):
    sign_in(client, "penerbit")

    response = client.get(reverse("admin:index"))
    enrol = client.get(response["Location"])

    assert response.status_code == 302 and response["Location"].startswith(reverse("two_factor"))
    assert "kode pendaftaran" in enrol.text
    enter_enrolment_code(client, publisher)
    qr = client.get(response["Location"])
    assert "pindai kode QR" in qr.text and 'src="data:image/svg+xml' in qr.text
    assert not TOTPDevice.objects.get(user=publisher).confirmed


def test_the_password_alone_never_shows_the_qr_code(client, publisher, two_factor):
    sign_in(client, "penerbit")

    page = client.get(reverse("two_factor"))
    guess = client.post(reverse("two_factor"), {"token": "123456"})

    assert page.status_code == 200 and "Kode pendaftaran dari Administrator" in page.text
    assert "data:image/svg+xml" not in page.text + guess.text and "otpauth" not in page.text
    assert not TOTPDevice.objects.filter(user=publisher).exists()
    assert client.get(reverse("admin:index")).status_code == 302


def test_a_wrong_expired_or_used_enrolment_code_is_refused(client, publisher, two_factor):
    code = issue_enrolment_code(publisher)
    sign_in(client, "penerbit")

    wrong = client.post(reverse("two_factor"), {"enrolment_code": "AAAA-BBBB-CCCC"})
    with freeze_time(timezone.now() + timedelta(hours=25)):
        sign_in(client, "penerbit")
        expired = client.post(reverse("two_factor"), {"enrolment_code": code})

    for refused in (wrong, expired):
        assert refused.status_code == 400 and "Kode pendaftaran salah atau sudah kedaluwarsa" in refused.text
        assert "data:image/svg+xml" not in refused.text
    fresh = issue_enrolment_code(publisher)
    sign_in(client, "penerbit")
    assert "data:image/svg+xml" in client.post(reverse("two_factor"), {"enrolment_code": fresh}, follow=True).text
    other = Client()
    sign_in(other, "penerbit")
    assert other.post(reverse("two_factor"), {"enrolment_code": fresh}).status_code == 400  # one use only


def test_an_administrator_issues_the_code_on_the_user_page_and_the_owner_enrols(client, publisher, settings):
    administrator = User.objects.create_superuser("kepala", password=PASSWORD)
    admin_client = Client()
    admin_client.force_login(administrator)
    user_page = admin_client.get(reverse("admin:auth_user_change", args=[publisher.pk]))
    issued = admin_client.post(reverse("admin:auth_user_enrolment_code", args=[publisher.pk]))
    code = re.search(r'id="enrolment-code">([A-Z0-9-]+)<', issued.text).group(1)
    settings.TWO_FACTOR_REQUIRED = True

    sign_in(client, "penerbit")
    entered = client.post(reverse("two_factor"), {"enrolment_code": code.lower()}, follow=True)
    device = TOTPDevice.objects.get(user=publisher)
    confirmed = client.post(reverse("two_factor"), {"token": current_code(device)})

    assert "Buat kode pendaftaran autentikator" in user_page.text
    assert issued.status_code == 200 and "berlaku sampai" in issued.text
    assert "pindai kode QR" in entered.text
    assert confirmed.status_code == 302 and client.get(reverse("admin:index")).status_code == 200


def test_only_an_administrator_issues_enrolment_codes(client, publisher):
    client.force_login(publisher)

    response = client.post(reverse("admin:auth_user_enrolment_code", args=[publisher.pk]))

    assert response.status_code == 403
    assert not hasattr(User.objects.get(pk=publisher.pk), "enrolment_code")


def test_a_wrong_code_keeps_the_admin_closed(client, publisher, two_factor):
    sign_in(client, "penerbit")
    device = enter_enrolment_code(client, publisher)

    wrong = client.post(reverse("two_factor"), {"token": "000000" if current_code(device) != "000000" else "111111"})

    assert wrong.status_code == 400 and "Kode salah" in wrong.text
    assert client.get(reverse("admin:index")).status_code == 302


def test_a_correct_code_opens_the_admin(client, publisher, two_factor):
    sign_in(client, "penerbit")
    device = enter_enrolment_code(client, publisher)

    right = client.post(f"{reverse('two_factor')}?next={reverse('admin:index')}", {"token": current_code(device)})

    assert right.status_code == 302 and right["Location"] == reverse("admin:index")
    assert client.get(reverse("admin:index")).status_code == 200
    device.refresh_from_db()
    assert device.confirmed


def test_a_superuser_needs_the_second_factor_too(client, db, two_factor):
    User.objects.create_superuser("kepala", password=PASSWORD)
    sign_in(client, "kepala")

    assert client.get(reverse("admin:index"))["Location"].startswith(reverse("two_factor"))


def test_staff_who_cannot_publish_sign_in_with_a_password(client, editor, two_factor):
    sign_in(client, "penulis")

    assert client.get(reverse("admin:index")).status_code == 200


def test_the_next_address_after_the_code_stays_on_this_site(client, publisher, two_factor):
    sign_in(client, "penerbit")
    device = enter_enrolment_code(client, publisher)

    response = client.post(f"{reverse('two_factor')}?next=https://penipu.example/", {"token": current_code(device)})

    assert response["Location"] == reverse("admin:index")


def test_enrol_command_gives_staff_a_working_authenticator(client, publisher, two_factor):
    out = StringIO()

    call_command("enrol_totp", "penerbit", stdout=out)

    device = TOTPDevice.objects.get(user=publisher, confirmed=True)
    assert "otpauth://totp/" in out.getvalue()
    sign_in(client, "penerbit")
    client.post(reverse("two_factor"), {"token": current_code(device)})
    assert client.get(reverse("admin:index")).status_code == 200


def test_enrol_command_can_issue_an_enrolment_code_instead(client, publisher, two_factor):
    out = StringIO()

    call_command("enrol_totp", "penerbit", "--code", stdout=out)

    code = re.search(r"berlaku 24 jam\): ([A-Z0-9-]+)", out.getvalue()).group(1)
    assert not TOTPDevice.objects.filter(user=publisher).exists()
    sign_in(client, "penerbit")
    device = client.post(reverse("two_factor"), {"enrolment_code": code}) and TOTPDevice.objects.get(user=publisher)
    client.post(reverse("two_factor"), {"token": current_code(device)})
    assert client.get(reverse("admin:index")).status_code == 200


def test_weak_passwords_are_refused(db):
    for weak in ("rahasia", "1234567890123", "password1234"):
        with pytest.raises(ValidationError):
            validate_password(weak)
    validate_password(PASSWORD)


def test_admin_sessions_end_when_the_browser_closes(client, editor):
    sign_in(client, "penulis")

    cookie = client.cookies["sessionid"]

    assert not cookie["max-age"] and not cookie["expires"]
