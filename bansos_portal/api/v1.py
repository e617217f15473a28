"""/api/v1/ as one django-ninja API: its endpoints, its error answers, and the OpenAPI document that
ninja generates from the endpoints' declared parameters and Schemas."""

import logging
from functools import cache

from django.db.utils import InterfaceError, OperationalError
from django.http import HttpResponsePermanentRedirect
from django.urls import resolve, reverse
from ninja import NinjaAPI
from ninja.errors import ValidationError
from ninja.renderers import JSONRenderer

from . import content, directory, params, precheck, search
from .http import ApiError, error, json_response, unavailable

logger = logging.getLogger(__name__)

NOT_FOUND_NAME = "api_not_found"


class Renderer(JSONRenderer):
    # Indonesian text stays readable in the answer, as in every other JSON the portal writes.
    json_dumps_params = {"ensure_ascii": False}


class ReadOnlyApi(NinjaAPI):
    def get_content_type(self):
        # JSON is UTF-8 by definition (RFC 8259): no charset parameter, as integrators have always had it.
        return self.renderer.media_type


api = ReadOnlyApi(
    title="API Portal Bansos",
    version="1.0.0",
    description=(
        "JSON hanya-baca dari isi yang terbit di Portal Bansos (Kementerian Sosial). "
        "Terbuka untuk semua asal (CORS), tanpa kunci. Lisensi data: CC BY 4.0."
    ),
    # Served by `openapi` below (absolute server address, Link header); no interactive docs page.
    openapi_url=None,
    docs_url=None,
    renderer=Renderer(),
    openapi_extra={"info": {"license": {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}}},
)
api.add_router("", content.router)
api.add_router("", search.router)
api.add_router("", directory.router)
api.add_router("", precheck.router)


@api.exception_handler(ApiError)
def refused(request, problem):
    return error(problem.message, status=problem.status)


@api.exception_handler(ValidationError)
def bad_parameter(request, problem):
    return error(params.message(problem.errors))


def database_down(request, problem):
    # Answered here, in JSON, so the page cache's HTML maintenance page never reaches an integrator.
    logger.error("Database unavailable for %s: %s", request.path, problem)
    return unavailable("API sedang dalam pemeliharaan. Silakan coba lagi beberapa saat lagi.")


api.add_exception_handler(OperationalError, database_down)
api.add_exception_handler(InterfaceError, database_down)


@cache
def _document():
    return api.get_openapi_schema(path_prefix="")


def openapi(request):
    # Paths are relative to the server, as integrators' generators expect; the server is this site.
    document = {**_document(), "servers": [{"url": request.build_absolute_uri("/api/v1")}]}
    response = json_response(document)
    response["Link"] = f'<{reverse("links:open_data")}#api>; rel="describedby"'
    return response


def not_found(request, rest=""):
    # The catch-all below the real routes would hide APPEND_SLASH, so do its job here.
    with_slash = f"{request.path}/"
    if not rest.endswith("/") and resolve(with_slash).url_name != NOT_FOUND_NAME:
        query = request.META.get("QUERY_STRING")
        return HttpResponsePermanentRedirect(f"{with_slash}?{query}" if query else with_slash)
    raise ApiError("Alamat API tidak ada. Daftar alamat: /api/v1/openapi.json", status=404)
