from django.conf import settings
from django.contrib import admin
from django.urls import path

from . import views

app_name = "feedback"

# The dashboard lives under the admin's address (behind its sign-in and two-factor check); this file is
# included before the admin's own URLs so these paths are found first.
DASHBOARD = f"{settings.ADMIN_PATH}perlu-diperbaiki/"

urlpatterns = [
    path("umpan-balik/<slug:app_label>/<slug:model_name>/<int:pk>/", views.vote, name="vote"),
    path(DASHBOARD, admin.site.admin_view(views.dashboard), name="dashboard"),
    path(f"{DASHBOARD}ekspor.csv", admin.site.admin_view(views.dashboard_csv), name="dashboard_csv"),
    path(f"{DASHBOARD}komentar/<int:pk>/", admin.site.admin_view(views.mark_comment), name="mark_comment"),
]
