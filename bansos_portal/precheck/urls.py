from django.urls import path

from . import views

app_name = "precheck"
urlpatterns = [
    path("", views.precheck, name="form"),
    path("cetak/", views.printable, name="print"),
]
