from django.urls import path

from . import views

app_name = "directory"
urlpatterns = [
    path("", views.finder, name="finder"),
    path("<slug:province>/", views.region_detail, name="province"),
    path("<slug:province>/<slug:regency>/", views.region_detail, name="regency"),
]

# Mounted at /sematkan/dinas-sosial/ beside the other embed cards, outside the namespace like them.
embed_urlpatterns = [
    path("<slug:province>/", views.embed_office, name="directory_embed_province"),
    path("<slug:province>/<slug:regency>/", views.embed_office, name="directory_embed"),
]
