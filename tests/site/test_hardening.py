"""Security headers, sign-in throttling, two-factor sign-in for publishers, password rules."""

from io import StringIO

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Permission, User
from django.contrib.auth.password_validation import validate_password
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

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
    assert attempt.ip_address is None and attempt.failures_since_start >= 5


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
    assert "pindai kode QR" in enrol.text and 'src="data:image/svg+xml' in enrol.text
    device = TOTPDevice.objects.get(user=publisher)
    assert not device.confirmed


def test_a_wrong_code_keeps_the_admin_closed(client, publisher, two_factor):
    sign_in(client, "penerbit")
    client.get(reverse("two_factor"))
    device = TOTPDevice.objects.get(user=publisher)

    wrong = client.post(reverse("two_factor"), {"token": "000000" if current_code(device) != "000000" else "111111"})

    assert wrong.status_code == 400 and "Kode salah" in wrong.text
    assert client.get(reverse("admin:index")).status_code == 302


def test_a_correct_code_opens_the_admin(client, publisher, two_factor):
    sign_in(client, "penerbit")
    client.get(reverse("two_factor"))
    device = TOTPDevice.objects.get(user=publisher)

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
    client.get(reverse("two_factor"))
    device = TOTPDevice.objects.get(user=publisher)

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


def test_weak_passwords_are_refused(db):
    for weak in ("rahasia", "1234567890123", "password1234"):
        with pytest.raises(ValidationError):
            validate_password(weak)
    validate_password(PASSWORD)


def test_admin_sessions_end_when_the_browser_closes(client, editor):
    sign_in(client, "penulis")

    cookie = client.cookies["sessionid"]

    assert not cookie["max-age"] and not cookie["expires"]
