"""A URL configuration where the program pages live elsewhere (tests/site/test_publishing.py)."""

from django.http import HttpResponse
from django.urls import include, path

programs = ([path("<slug:slug>/", lambda request, slug: HttpResponse(slug), name="detail")], "programs")
urlpatterns = [path("di-tempat-lain/", include(programs))]
