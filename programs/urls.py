from django.urls import path

from . import views

app_name = "programs"
urlpatterns = [
    path("program/", views.program_list, name="list"),
    path("program/<slug:slug>/", views.program_detail, name="detail"),
    path("anggaran/", views.budget_list, name="budgets"),
    path("anggaran/anggaran-bansos.csv", views.budget_csv, name="budgets_csv"),
]
