"""Staff accounts in the admin, with the one-time code an Administrator gives a person so that they,
and not whoever learns their password, enrol the authenticator app of an account that can publish."""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone

from bansos_portal.editorial.models import ENROLMENT_CODE_LIFETIME
from bansos_portal.two_factor import issue_enrolment_code

User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    change_form_template = "admin/editorial/user_change_form.html"

    def get_urls(self):
        view = self.admin_site.admin_view(self.enrolment_code_view)
        return [path("<id>/kode-pendaftaran/", view, name="auth_user_enrolment_code"), *super().get_urls()]

    def enrolment_code_view(self, request, id):
        if request.method != "POST":
            return HttpResponse("Gunakan tombol di halaman akun.", status=405, headers={"Allow": "POST"})
        user = self.get_object(request, unquote(id))
        if user is None:
            raise Http404("Akun tidak ditemukan.")
        if not self.has_change_permission(request, user):
            raise PermissionDenied
        code = issue_enrolment_code(user, by=request.user)
        self.log_change(request, user, "Kode pendaftaran autentikator dibuat; perangkat lama tidak berlaku lagi.")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": user,
            "title": "Kode pendaftaran autentikator",
            "code": code,
            "expires": timezone.now() + ENROLMENT_CODE_LIFETIME,
        }
        # Shown this once: only its hash is stored, and admin pages are never cached.
        return TemplateResponse(request, "admin/editorial/enrolment_code.html", context)
