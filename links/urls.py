from django.urls import path

from . import views

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
]
