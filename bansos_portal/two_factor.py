"""Two-factor sign-in (TOTP, django-otp) for every account that can publish.

An account can publish when it is a superuser or holds any `publish_*` permission. After the password,
such an account reaches the admin only once a code from its authenticator app is confirmed; the first
time, the same page shows the QR code to enrol. `TWO_FACTOR_REQUIRED=False` (set by `make run`)
turns the requirement off for local work.
"""

import base64

import segno
from django import forms
from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice


def no_client_ip(request):
    """django-axes counts failures per user name; no IP address is looked at or stored."""
    return None


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


def enrolment_device(user):
    """The user's confirmed device, or the unconfirmed one being enrolled (created on first visit)."""
    confirmed = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if confirmed:
        return confirmed
    device, _ = TOTPDevice.objects.get_or_create(user=user, confirmed=False, defaults={"name": "Aplikasi autentikator"})
    return device


def qr_data_uri(device):
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, dark="#000", light="#fff")


@staff_member_required
def verify(request):
    device = enrolment_device(request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"].strip()):
            if not device.confirmed:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
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
