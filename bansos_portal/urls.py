from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from bansos_portal.directory.urls import embed_urlpatterns as directory_embeds
from bansos_portal.editorial import preview
from bansos_portal.links import urls as links_urls
from bansos_portal.search import views as search_views

from . import health, two_factor, views

admin.site.site_header = "Portal Bansos · Ruang Humas"
admin.site.site_title = "Portal Bansos"
admin.site.index_title = "Kelola isi portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("cari/", search_views.search, name="search"),
    path("cari/dibuka/", search_views.search_click, name="search_click"),
    path("cari/saran/", search_views.search_suggestions, name="search_suggestions"),
    path("api/v1/", include("bansos_portal.api.urls")),
    path("cek-bantuan/", include("bansos_portal.precheck.urls")),
    path("favicon.ico", views.favicon),
    # Links that never break: before the apps, so /program/buklet/ wins over a program slug.
    path("", include("bansos_portal.links.urls")),
    *links_urls.root_urlpatterns,
    # Signed, expiring, read-only preview links for people without an account.
    path("pratinjau/<str:token>/", preview.shared_preview, name="preview"),
    path("dinas-sosial/", include("bansos_portal.directory.urls")),
    path("sematkan/dinas-sosial/", include(directory_embeds)),
    path("", include("programs.urls")),
    path("", include("faq.urls")),
    path("", include("bansos_portal.feedback.urls")),
    path("", include("bansos_portal.trust.urls")),
    path("", include("bansos_portal.glossary.urls")),
    # Production: probes, and the admin at a configurable path behind two-factor sign-in.
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path(f"{settings.ADMIN_PATH}dua-langkah/", two_factor.verify, name="two_factor"),
    path(settings.ADMIN_PATH, admin.site.urls),
]

# A database outage outside a view still answers with the maintenance page (503), not a 500.
handler500 = "bansos_portal.health.server_error"
