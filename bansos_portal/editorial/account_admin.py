"""Staff accounts in the admin: one form that adds a person with their role, the warning before a
sign-in lockout and the Administrator's «Buka kunci», and the one-time code an Administrator gives a
person so that they, and not whoever learns their password, enrol the authenticator app of an account
that can publish."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone

from bansos_portal.editorial.admin_access import permitted_object
from bansos_portal.editorial.models import ENROLMENT_CODE_LIFETIME
from bansos_portal.editorial.roles import ROLES
from bansos_portal.two_factor import (
    cool_off_minutes,
    issue_enrolment_code,
    locked_usernames,
    remaining_attempts,
    unlock,
)

User = get_user_model()
admin.site.unregister(User)
admin.site.unregister(Group)

ROLE_HELP = (
    "Penulis menulis draf dan mengajukannya; Penyunting meninjau dan menerbitkan; Administrator mengelola "
    "akun; Operator Daerah mengusulkan perubahan kantor di daerahnya."
)
ACTIONS = {"add": "Boleh menambah", "change": "Boleh mengubah", "delete": "Boleh menghapus", "view": "Boleh melihat"}


def role_groups():
    return Group.objects.filter(name__in=ROLES).order_by("name")


class StaffLoginForm(AdminAuthenticationForm):
    """The admin's sign-in form, which warns before the last try that the next failure locks the account."""

    def get_invalid_login_error(self):
        error = super().get_invalid_login_error()
        username = self.cleaned_data.get("username")
        if username and self.request is not None and remaining_attempts(self.request, username) == 1:
            warning = f"1 percobaan lagi sebelum akun dikunci {cool_off_minutes()} menit."
            return ValidationError([error, ValidationError(warning, code="last_attempt")])
        return error


admin.site.login_form = StaffLoginForm


class StaffCreationForm(UserCreationForm):
    """A new staff member in one form: the role gives both their permissions and access to the admin."""

    role = forms.ModelChoiceField(
        queryset=Group.objects.none(),
        label="Peran",
        widget=forms.RadioSelect,
        empty_label=None,
        help_text=ROLE_HELP,
    )

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ["first_name", "last_name", "email", "username"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].queryset = role_groups()
        self.fields["first_name"].required = True
        self.fields["email"].required = True
        self.fields["email"].help_text = "Untuk pemberitahuan tinjauan dan terbit."

    def save(self, commit=True):
        self.instance.is_staff = True
        return super().save(commit)

    def _save_m2m(self):
        super()._save_m2m()
        self.instance.groups.set([self.cleaned_data["role"]])


class LockFilter(admin.SimpleListFilter):
    title = "kunci masuk"
    parameter_name = "kunci"

    def lookups(self, request, model_admin):
        return [("terkunci", "Sedang terkunci")]

    def queryset(self, request, queryset):
        if self.value() == "terkunci":
            return queryset.filter(username__in=list(locked_usernames()))
        return queryset


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    change_form_template = "admin/editorial/user_change_form.html"
    add_form = StaffCreationForm
    add_fieldsets = [
        (
            None,
            {
                "fields": ["first_name", "last_name", "email", "username", "role", "password1", "password2"],
                "description": "Akun langsung bisa masuk ke Ruang Humas dengan peran yang dipilih.",
            },
        )
    ]
    filter_horizontal = []
    list_display = ["username", "first_name", "last_name", "email", "roles", "is_active"]
    list_filter = ["groups", "is_active", "is_superuser", LockFilter]
    actions = ["unlock_selected"]

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return super().get_fieldsets(request, obj)
        access = ["is_active", "is_staff", "groups"]
        if request.user.is_superuser:
            # Only a superuser makes another one; an Administrator never sees (nor can send) the field.
            access[2:2] = ["is_superuser"]
        return [
            (None, {"fields": ["username", "password"]}),
            ("Data pribadi", {"fields": ["first_name", "last_name", "email"]}),
            ("Peran dan akses", {"fields": access}),
            ("Tanggal penting", {"fields": ["last_login", "date_joined"]}),
        ]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups":
            kwargs.update(widget=forms.CheckboxSelectMultiple, help_text=ROLE_HELP)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        # An Administrator who could change a superuser's password could become one.
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        user = form.instance
        # The role gives access to the admin: nobody has to remember a second tick box.
        if not user.is_staff and user.groups.filter(name__in=ROLES).exists():
            user.is_staff = True
            user.save(update_fields=["is_staff"])

    @admin.display(description="peran")
    def roles(self, user):
        return ", ".join(group.name for group in user.groups.all())

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    def get_urls(self):
        code_view = self.admin_site.admin_view(self.enrolment_code_view)
        unlock_view = self.admin_site.admin_view(self.unlock_view)
        return [
            path("<id>/kode-pendaftaran/", code_view, name="auth_user_enrolment_code"),
            path("<id>/buka-kunci/", unlock_view, name="auth_user_unlock"),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        user = self.get_object(request, unquote(object_id))
        locked = user is not None and user.username in set(locked_usernames())
        return super().change_view(request, object_id, form_url, {"locked": locked, **(extra_context or {})})

    def changeable_user(self, request, id):
        """The account at this address for a POST-only tool, or the error to answer."""
        if request.method != "POST":
            return HttpResponse("Gunakan tombol di halaman akun.", status=405, headers={"Allow": "POST"})
        return permitted_object(self, request, id, self.has_change_permission, "Akun tidak ditemukan.")

    def unlock_view(self, request, id):
        user = self.changeable_user(request, id)
        if isinstance(user, HttpResponse):
            return user
        self.unlock_user(request, user)
        return redirect(reverse("admin:auth_user_change", args=[user.pk]))

    def unlock_user(self, request, user):
        unlock(user.username)
        self.log_change(request, user, "Kunci masuk dibuka.")
        self.message_user(request, f"Kunci akun «{user.username}» dibuka: ia bisa masuk lagi.", messages.SUCCESS)

    @admin.action(description="Buka kunci akun yang dipilih", permissions=["change"])
    def unlock_selected(self, request, queryset):
        for user in queryset:
            if self.has_change_permission(request, user):
                self.unlock_user(request, user)

    def enrolment_code_view(self, request, id):
        user = self.changeable_user(request, id)
        if isinstance(user, HttpResponse):
            return user
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


class PermissionField(forms.ModelMultipleChoiceField):
    """Permissions named in Indonesian ("Boleh mengubah program"), not the stored English "Can change program"."""

    def label_from_instance(self, permission):
        action, _, model = permission.codename.partition("_")
        model_class = permission.content_type.model_class()
        if action in ACTIONS and model_class is not None and model == model_class._meta.model_name:
            return f"{ACTIONS[action]} {model_class._meta.verbose_name}"
        return permission.name


@admin.register(Group)
class RoleAdmin(GroupAdmin):
    filter_horizontal = []

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "permissions":
            kwargs.update(form_class=PermissionField, widget=forms.CheckboxSelectMultiple)
        return super().formfield_for_manytomany(db_field, request, **kwargs)
