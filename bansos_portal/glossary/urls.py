from django.urls import path

from . import views

app_name = "glossary"
urlpatterns = [
    path("istilah/", views.term_list, name="list"),
    path("istilah/<slug:slug>/", views.term_detail, name="detail"),
]
