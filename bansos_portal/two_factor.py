"""Two-factor sign-in (TOTP, django-otp) for every account that can publish, and the client key
that sign-in throttling counts failures by.

An account can publish when it is a superuser or holds any `publish_*` permission. After the password,
such an account reaches the admin only once a code from its authenticator app is confirmed. The first
time, the page asks for the one-time enrolment code an Administrator issued (user page in the admin,
or `manage.py enrol_totp NAME --code`) before it shows the QR code: a password alone never enrols a
phone. `TWO_FACTOR_REQUIRED=False` (set by `make run`) turns the requirement off for local work.
"""

import base64
import ipaddress
import logging

import segno
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off, get_credentials, get_failure_limit
from axes.models import AccessAttempt
from axes.utils import reset
from django import forms
from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.core.cache import cache
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from bansos_portal.editorial.models import EnrolmentCode

ENROLMENT_SESSION_KEY = "two_factor_enrolment_device"


def client_key(request):
    """What django-axes stores as the client's "IP address": a keyed hash of the client's network, in
    the shape of an IPv6 address (the column's type), so failures count per user name and client while
    no address is kept. IPv6 clients count per /64, so rotating addresses in one's own network buys no
    extra guesses."""
    address = client_address(request)
    if address is None:
        return None
    prefix = 64 if address.version == 6 else 32
    network = ipaddress.ip_network(f"{address}/{prefix}", strict=False)
    digest = salted_hmac("bansos-portal.sign-in-client", str(network), algorithm="sha256").digest()
    return str(ipaddress.IPv6Address(digest[:16]))


def remaining_attempts(request, username):
    """How many more failed sign-ins this user name may have from this client before the lockout."""
    credentials = get_credentials(username)
    return get_failure_limit(request, credentials) - AxesProxyHandler.get_failures(request, credentials)


def cool_off_minutes():
    return int(get_cool_off().total_seconds() // 60)


def locked_usernames():
    """User names locked out from at least one client now (failures within the cool-off, at the limit)."""
    since = timezone.now() - get_cool_off()
    return (
        AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT, attempt_time__gte=since)
        .values_list("username", flat=True)
        .distinct()
    )


def unlock(username):
    """Clear every client's failures for this user name (axes' own reset); returns how many were cleared."""
    return reset(username=username)


def allowance_spent(request, key_prefix, *, limit, window):
    """Counts this request against its client's allowance of `limit` per `window` seconds, kept in the cache
    under `client_key` (never the address); True once the allowance is spent. Clients whose address cannot
    be read share one allowance. A cache that fails lets the request through: losing a count costs less
    than refusing everyone."""
    key = key_prefix + (client_key(request) or "unknown")
    try:
        cache.add(key, 0, timeout=window)
        return cache.incr(key) > limit
    except ValueError:  # the count expired between add and incr: this request starts a new window
        cache.set(key, 1, timeout=window)
        return 1 > limit
    except Exception as problem:
        logging.getLogger(__name__).warning("Rate limit unavailable: %s", type(problem).__name__)
        return False


def client_address(request):
    # Behind a proxy, only a header the proxy overwrites can be trusted (a client could forge any other).
    header = settings.CLIENT_IP_HEADER
    raw = request.headers.get(header, "") if header else request.META.get("REMOTE_ADDR", "")
    try:
        address = ipaddress.ip_address(raw.strip())
    except ValueError:
        return None
    return getattr(address, "ipv4_mapped", None) or address


def can_publish(user):
    if user.is_superuser:
        return True
    return any(perm.split(".", 1)[1].startswith("publish_") for perm in user.get_all_permissions())


def needs_second_factor(request):
    user = request.user
    return user.is_authenticated and not user.is_verified() and can_publish(user)


class RequireTwoFactorMiddleware:
    """Sends a publishing account without a confirmed code to the two-factor page (admin only)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.TWO_FACTOR_REQUIRED
            and request.path.startswith("/" + settings.ADMIN_PATH)
            and needs_second_factor(request)
            and request.path not in self.open_paths()
        ):
            return redirect(f"{reverse('two_factor')}?next={request.get_full_path()}")
        return self.get_response(request)

    @staticmethod
    def open_paths():
        return {reverse("two_factor"), reverse("admin:login"), reverse("admin:logout")}


class TokenForm(forms.Form):
    token = forms.CharField(
        label="Kode 6 angka dari aplikasi autentikator",
        min_length=6,
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class EnrolmentCodeForm(forms.Form):
    enrolment_code = forms.CharField(
        label="Kode pendaftaran dari Administrator",
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


def issue_enrolment_code(user, *, by=None):
    """A one-time code (valid 24 hours) for `user` to enrol a new authenticator app; the devices they
    had stop working, as when a phone is lost."""
    TOTPDevice.objects.filter(user=user).delete()
    return EnrolmentCode.objects.issue(user, by=by)


def enrolment_device(request):
    """The device this session is enrolling, once it gave a valid enrolment code; else None."""
    device_id = request.session.get(ENROLMENT_SESSION_KEY)
    if device_id is None:
        return None
    return TOTPDevice.objects.filter(pk=device_id, user=request.user, confirmed=False).first()


def start_enrolment(request):
    # A fresh secret: one shown to anyone before the code was given must not become the account's.
    TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
    device = TOTPDevice.objects.create(user=request.user, confirmed=False, name="Aplikasi autentikator")
    request.session[ENROLMENT_SESSION_KEY] = device.pk


def qr_data_uri(device):
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, dark="#000", light="#fff")


@staff_member_required
def verify(request):
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first() or enrolment_device(request)
    if device is None:
        return ask_enrolment_code(request)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"].strip()):
            if not device.confirmed:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                request.session.pop(ENROLMENT_SESSION_KEY, None)
            otp_login(request, device)
            target = request.GET.get("next", "")
            if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
                target = reverse("admin:index")
            return redirect(target)
        form.add_error("token", "Kode salah atau sudah kedaluwarsa. Coba kode yang sedang tampil di aplikasi.")
    context = {
        "form": form,
        "enrolling": not device.confirmed,
        "qr": None if device.confirmed else qr_data_uri(device),
        "secret": None if device.confirmed else base64.b32encode(device.bin_key).decode(),
        "title": "Verifikasi dua langkah",
    }
    return render(request, "admin/two_factor.html", context, status=400 if form.errors else 200)


def ask_enrolment_code(request):
    form = EnrolmentCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if EnrolmentCode.objects.redeem(request.user, form.cleaned_data["enrolment_code"]):
            start_enrolment(request)
            return redirect(request.get_full_path())
        form.add_error(
            "enrolment_code",
            "Kode pendaftaran salah atau sudah kedaluwarsa (berlaku 24 jam, sekali pakai). "
            "Minta kode baru kepada Administrator.",
        )
    context = {"form": form, "asking_enrolment_code": True, "title": "Verifikasi dua langkah"}
    return render(request, "admin/two_factor.html", context, status=400 if form.errors else 200)
