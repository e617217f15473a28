"""/api/v1/: the read-only JSON API. Every address, unknown ones too, answers through `read_only_json`."""

from django.urls import path, re_path

from .http import json_post, read_only_json
from .v1 import NOT_FOUND_NAME, api, not_found, openapi

# ninja's routes without its namespace: their names (api_program, api_search, …) are the site's own.
# ninja routes GET only, so each route is wrapped for OPTIONS, HEAD and the JSON 405. Its root route is
# left out: it answers Django's HTML 404, where the catch-all below answers JSON.
ninja_routes, _app_name, _namespace = api.urls
# The one route that takes a POST: the pre-check computes an answer and stores nothing.
POST_ROUTES = {"api_precheck"}
urlpatterns = [
    *(
        path(
            str(route.pattern),
            (json_post if route.name in POST_ROUTES else read_only_json)(route.callback),
            name=route.name,
        )
        for route in ninja_routes
        if route.name != "api-root"
    ),
    path("openapi.json", read_only_json(openapi), name="api_openapi"),
    re_path(r"^(?P<rest>.*)$", read_only_json(not_found), name=NOT_FOUND_NAME),
]
