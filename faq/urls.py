from django.urls import path

from . import views

app_name = "faq"
urlpatterns = [
    path("tanya-jawab/", views.question_list, name="list"),
    path("tanya-jawab/kategori/<slug:slug>/", views.category_detail, name="category"),
    path("tanya-jawab/<slug:slug>/", views.question_detail, name="detail"),
    path("cek-fakta/", views.clarification_list, name="clarifications"),
    path("cek-fakta/<slug:slug>/", views.clarification_detail, name="clarification"),
]
