from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from . import api, health, two_factor, views

admin.site.site_header = "Portal Bansos · Ruang Humas"
admin.site.site_title = "Portal Bansos"
admin.site.index_title = "Kelola isi portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("cari/", views.search, name="search"),
    path("cari/dibuka/", views.search_click, name="search_click"),
    path("cari/saran/", views.search_suggestions, name="search_suggestions"),
    path("api/v1/search/", api.search, name="api_search"),
    path("favicon.ico", views.favicon),
    path("", include("programs.urls")),
    path("", include("faq.urls")),
    # Production: probes, and the admin at a configurable path behind two-factor sign-in.
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path(f"{settings.ADMIN_PATH}dua-langkah/", two_factor.verify, name="two_factor"),
    path(settings.ADMIN_PATH, admin.site.urls),
]

# A database outage outside a view still answers with the maintenance page (503), not a 500.
handler500 = "bansos_portal.health.server_error"
