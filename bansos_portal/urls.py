from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from bansos_portal.links import urls as links_urls

from . import api, api_content, api_openapi, health, preview, two_factor, views

admin.site.site_header = "Portal Bansos · Ruang Humas"
admin.site.site_title = "Portal Bansos"
admin.site.index_title = "Kelola isi portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("cari/", views.search, name="search"),
    path("cari/dibuka/", views.search_click, name="search_click"),
    path("cari/saran/", views.search_suggestions, name="search_suggestions"),
    path("api/v1/search/", api.search, name="api_search"),
    # Links kit (issue 5): the read-only content API; unknown /api/v1/ addresses answer in JSON too.
    path("api/v1/programs/", api_content.programs, name="api_programs"),
    path("api/v1/programs/<slug:slug>/", api_content.program, name="api_program"),
    path("api/v1/faq/categories/", api_content.categories, name="api_categories"),
    path("api/v1/faq/questions/", api_content.questions, name="api_questions"),
    path("api/v1/clarifications/", api_content.clarifications, name="api_clarifications"),
    path("api/v1/budgets/", api_content.budgets, name="api_budgets"),
    path("api/v1/openapi.json", api_openapi.openapi, name="api_openapi"),
    re_path(r"^api/v1/(?P<rest>.*)$", api_content.not_found),
    path("favicon.ico", views.favicon),
    # Links that never break (issue 5): before the apps, so /program/buklet/ wins over a program slug.
    path("", include("bansos_portal.links.urls")),
    *links_urls.root_urlpatterns,
    # Humas workflow (issue 4): signed, expiring, read-only preview links for people without an account.
    path("pratinjau/<str:token>/", preview.shared_preview, name="preview"),
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
