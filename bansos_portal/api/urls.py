"""/api/v1/: the read-only JSON API. Unknown addresses under it answer in JSON too."""

from django.urls import path, re_path

from . import content, openapi, search

urlpatterns = [
    path("search/", search.search, name="api_search"),
    path("programs/", content.programs, name="api_programs"),
    path("programs/<slug:slug>/", content.program, name="api_program"),
    path("faq/categories/", content.categories, name="api_categories"),
    path("faq/questions/", content.questions, name="api_questions"),
    path("clarifications/", content.clarifications, name="api_clarifications"),
    path("budgets/", content.budgets, name="api_budgets"),
    path("openapi.json", openapi.openapi, name="api_openapi"),
    re_path(r"^(?P<rest>.*)$", content.not_found),
]
