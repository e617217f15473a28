"""The OpenAPI 3.1 document of /api/v1/. The tests validate real answers against these schemas,
so a change to a serialiser that is not made here too fails the suite."""

from django.urls import reverse

from .content import MAX_PER_PAGE, PER_PAGE, SECTION_ANCHORS
from .http import json_response, read_only_json
from .search import MAX_LIMIT as SEARCH_MAX_LIMIT

STRING = {"type": "string"}
NULLABLE_STRING = {"type": ["string", "null"]}
URL = {"type": "string", "format": "uri"}
NULLABLE_URL = {"type": ["string", "null"], "format": "uri"}
DATETIME = {"type": "string", "format": "date-time"}
RUPIAH = {"type": "integer", "minimum": 0, "description": "Rupiah, bilangan bulat."}
SLUGS = {"type": "array", "items": STRING}


def ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def obj(properties, required=None):
    return {
        "type": "object",
        "properties": properties,
        "required": list(required if required is not None else properties),
        "additionalProperties": False,
    }


def page_of(name):
    return obj(
        {
            "count": {"type": "integer", "minimum": 0},
            "page": {"type": "integer", "minimum": 1},
            "pages": {"type": "integer", "minimum": 1},
            "next": NULLABLE_URL,
            "previous": NULLABLE_URL,
            "results": {"type": "array", "items": ref(name)},
        }
    )


SOURCE = obj({"title": STRING, "url": URL})
COMPONENT = obj(
    {
        "name": STRING,
        "amount": RUPIAH,
        "period": {"type": "string", "enum": ["year", "month", "stage", "once"]},
        "period_label": STRING,
        "year": {"type": "integer"},
        "note": STRING,
    }
)
BUDGET = obj(
    {
        "year": {"type": "integer"},
        "program": {**NULLABLE_STRING, "description": "Slug program; null untuk seluruh Kementerian Sosial."},
        "label": STRING,
        "label_display": STRING,
        "allocation": RUPIAH,
        "realisation": {"type": ["integer", "null"], "minimum": 0},
        "beneficiaries": {"type": ["integer", "null"], "minimum": 0},
        "source": STRING,
        "source_url": {"type": "string"},
    }
)
PROGRAM_FIELDS = {
    "slug": STRING,
    "name": STRING,
    "acronym": STRING,
    "summary": STRING,
    "agency": STRING,
    "url": URL,
    "api_url": URL,
    "published_at": DATETIME,
    "updated_at": DATETIME,
    "components": {"type": "array", "items": ref("BenefitComponent")},
    "budgets": {"type": "array", "items": ref("Budget")},
}
PROGRAM = obj(PROGRAM_FIELDS)
PROGRAM_DETAIL = obj(
    {
        **PROGRAM_FIELDS,
        "sections": {
            "type": "array",
            "items": obj(
                {
                    "anchor": {"type": "string", "enum": SECTION_ANCHORS},
                    "heading": STRING,
                    "url": URL,
                    "html": {**STRING, "description": "HTML yang sudah disaring."},
                }
            ),
        },
        "sources": {"type": "array", "items": ref("Source")},
        "embed_url": URL,
        "leaflet_url": URL,
        "feed_url": URL,
    }
)
CATEGORY = obj(
    {"slug": STRING, "name": STRING, "description": STRING, "url": URL, "question_count": {"type": "integer"}}
)
QUESTION = obj(
    {
        "slug": STRING,
        "question": STRING,
        "answer_html": STRING,
        "category": STRING,
        "programs": SLUGS,
        "url": URL,
        "embed_url": URL,
        "published_at": DATETIME,
        "updated_at": DATETIME,
    }
)
CLARIFICATION = obj(
    {
        "slug": STRING,
        "claim": STRING,
        "verdict": {"type": "string", "enum": ["hoaks", "disinformasi", "menyesatkan", "benar"]},
        "verdict_label": STRING,
        "explanation_html": STRING,
        "date": {"type": "string", "format": "date"},
        "programs": SLUGS,
        "sources": {"type": "array", "items": ref("Source")},
        "url": URL,
        "published_at": DATETIME,
        "updated_at": DATETIME,
    }
)
SEARCH_RESULTS = obj(
    {
        "query": STRING,
        "total": {"type": "integer", "minimum": 0},
        "suggestion": NULLABLE_STRING,
        "results": {
            "type": "array",
            "items": obj(
                {
                    "type": {"type": "string", "enum": ["program", "faq", "clarification"]},
                    "slug": STRING,
                    "title": STRING,
                    "url": URL,
                    "snippet": STRING,
                }
            ),
        },
    }
)
ERROR = obj({"error": STRING})

SCHEMAS = {
    "Source": SOURCE,
    "BenefitComponent": COMPONENT,
    "Budget": BUDGET,
    "Program": PROGRAM,
    "ProgramDetail": PROGRAM_DETAIL,
    "Category": CATEGORY,
    "Question": QUESTION,
    "Clarification": CLARIFICATION,
    "SearchResults": SEARCH_RESULTS,
    "Error": ERROR,
    "ProgramPage": page_of("Program"),
    "CategoryPage": page_of("Category"),
    "QuestionPage": page_of("Question"),
    "ClarificationPage": page_of("Clarification"),
    "BudgetPage": page_of("Budget"),
}


def _param(name, description, schema=None, where="query", required=False):
    return {"name": name, "in": where, "required": required, "description": description, "schema": schema or STRING}


PAGING = [
    _param("page", "Nomor halaman, mulai 1.", {"type": "integer", "minimum": 1}),
    _param(
        "limit", f"Jumlah per halaman (bawaan {PER_PAGE}).", {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE}
    ),
]
CONDITIONAL = [
    _param("If-None-Match", "ETag dari jawaban sebelumnya; 304 bila belum berubah.", where="header"),
]
ERRORS = {
    status: {"description": description, "content": {"application/json": {"schema": ref("Error")}}}
    for status, description in (("400", "Parameter salah."), ("404", "Tidak ada."), ("405", "Hanya GET."))
}


def _operation(operation_id, summary, schema, parameters=()):
    return {
        "get": {
            "operationId": operation_id,
            "summary": summary,
            "parameters": [*parameters, *CONDITIONAL],
            "responses": {
                "200": {
                    "description": "OK",
                    "headers": {"ETag": {"schema": STRING}, "Last-Modified": {"schema": STRING}},
                    "content": {"application/json": {"schema": ref(schema)}},
                },
                "304": {"description": "Belum berubah sejak ETag yang dikirim di If-None-Match."},
                **ERRORS,
            },
        }
    }


def document(request):
    program_filter = _param("program", "Slug program yang terbit, misalnya pkh.")
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "API Portal Bansos",
            "version": "1.0.0",
            "description": (
                "JSON hanya-baca dari isi yang terbit di Portal Bansos (Kementerian Sosial). "
                "Terbuka untuk semua asal (CORS), tanpa kunci. Lisensi data: CC BY 4.0."
            ),
            "license": {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"},
        },
        "servers": [{"url": request.build_absolute_uri("/api/v1")}],
        "paths": {
            "/programs/": _operation(
                "listPrograms", "Program yang terbit, dengan komponen dan anggarannya.", "ProgramPage", PAGING
            ),
            "/programs/{slug}/": _operation(
                "getProgram",
                "Satu program lengkap: bagian halaman, sumber, tautan sematan, leaflet dan umpan.",
                "ProgramDetail",
                [_param("slug", "Slug program.", where="path", required=True)],
            ),
            "/faq/categories/": _operation(
                "listCategories", "Kategori tanya jawab yang berisi.", "CategoryPage", PAGING
            ),
            "/faq/questions/": _operation(
                "listQuestions",
                "Tanya jawab, bisa disaring menurut kategori dan program.",
                "QuestionPage",
                [*PAGING, _param("category", "Slug kategori."), program_filter],
            ),
            "/clarifications/": _operation(
                "listClarifications", "Klarifikasi hoaks, terbaru dulu.", "ClarificationPage", [*PAGING, program_filter]
            ),
            "/budgets/": _operation(
                "listBudgets",
                "Anggaran per tahun dengan sumber setiap angka.",
                "BudgetPage",
                [*PAGING, program_filter, _param("year", "Tahun anggaran.", {"type": "integer", "minimum": 1})],
            ),
            "/search/": _operation(
                "search",
                "Pencarian di program, tanya jawab dan cek fakta.",
                "SearchResults",
                [
                    _param("q", "Kata pencarian.", required=True),
                    _param("type", "Jenis isi.", {"type": "string", "enum": ["program", "faq", "clarification"]}),
                    program_filter,
                    _param("limit", "Jumlah hasil.", {"type": "integer", "minimum": 1, "maximum": SEARCH_MAX_LIMIT}),
                ],
            ),
        },
        "components": {"schemas": SCHEMAS},
    }


@read_only_json
def openapi(request):
    response = json_response(document(request))
    response["Link"] = f'<{reverse("links:open_data")}#api>; rel="describedby"'
    return response
