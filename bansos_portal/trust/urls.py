from django.urls import path

from . import views

app_name = "trust"
urlpatterns = [
    path("tentang/", views.about, name="about"),
    path("kontak/", views.contact, name="contact"),
    path("privasi/", views.privacy, name="privacy"),
    path("akun-resmi/", views.accounts, name="accounts"),
]
