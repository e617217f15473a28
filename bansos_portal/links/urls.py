from django.contrib.sitemaps.views import sitemap
from django.urls import path, re_path

from . import open_data, views
from .feeds import ProgramFeed, UpdatesFeed
from .sitemaps import SITEMAPS

app_name = "links"
urlpatterns = [
    path("s/<slug:code>/", views.short_link, name="short"),
    path("s/<slug:code>", views.short_link),  # typed from paper, often without the final slash
    path("sematkan/program/<slug:slug>/", views.embed_program, name="embed_program"),
    path("sematkan/tanya-jawab/<slug:slug>/", views.embed_question, name="embed_question"),
    # Before programs' /program/<slug>/, so "buklet" is never read as a program's slug.
    path("program/buklet/", views.booklet, name="booklet"),
    path("program/<slug:slug>/leaflet/", views.leaflet, name="leaflet"),
    path("program/<slug:slug>/gambar-bagikan.png", views.program_share_image, name="share_image"),
    path("program/<slug:slug>/atom.xml", ProgramFeed(), name="program_feed"),
    path("cek-fakta/<slug:slug>/leaflet/", views.clarification_leaflet, name="clarification_leaflet"),
    path("cek-fakta/<slug:slug>/gambar-bagikan.png", views.clarification_share_image, name="clarification_share_image"),
    path("pembaruan/atom.xml", UpdatesFeed(), name="feed"),
    path("data-terbuka/", open_data.open_data, name="open_data"),
    re_path(
        r"^data-terbuka/(?P<name>anggaran|komponen-manfaat|dinas-sosial)\.(?P<extension>csv|json)$",
        open_data.download,
        name="open_data_file",
    ),
]

# Outside the namespace: robots.txt and sitemap.xml live at the site root under their usual names.
root_urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]
