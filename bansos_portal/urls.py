from django.contrib import admin
from django.urls import include, path

from . import api, preview, views

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
    # Humas workflow (issue 4): signed, expiring, read-only preview links for people without an account.
    path("pratinjau/<str:token>/", preview.shared_preview, name="preview"),
    path("", include("programs.urls")),
    path("", include("faq.urls")),
    path("admin/", admin.site.urls),
]
