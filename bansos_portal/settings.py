"""Settings for Portal Bansos, read from environment variables only.

Local work needs nothing set (SQLite, `DEBUG=True` via `make run`); production sets
DATABASE_URL, SECRET_KEY and ALLOWED_HOSTS and refuses to start without a real key.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    value = os.environ.get(name, default)
    if value not in ("True", "False"):
        raise ImproperlyConfigured(f"{name} must be 'True' or 'False', got {value!r}")
    return value == "True"


def env_list(name, default):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", "False")

# Only a developer's machine may run on the well-known local key.
LOCAL_SECRET_KEY = "django-insecure-local-development-only"
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY is not set. Set a long random SECRET_KEY, or DEBUG=True for local work.")
    SECRET_KEY = LOCAL_SECRET_KEY
elif not DEBUG and (SECRET_KEY == LOCAL_SECRET_KEY or len(SECRET_KEY) < 40):
    raise ImproperlyConfigured("SECRET_KEY must be a real random value of at least 40 characters.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "csp",
    # Production hardening (see the block "Production: caching, hardening, faults" below).
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "programs",
    "faq",
    "bansos_portal",
    # Links that never break: short links, slug history, embeds, feeds, sitemap.
    "django.contrib.sitemaps",
    "bansos_portal.links",
    # Revisions of every save, and the editorial record.
    "simple_history",
    "bansos_portal.editorial",
    "bansos_portal.precheck",
    "bansos_portal.directory",
    "bansos_portal.feedback",
    "bansos_portal.trust",
    "bansos_portal.glossary",
    "bansos_portal.figures",
    "bansos_portal.audit",
]

MIDDLEWARE = [
    # Stored anonymous pages are answered here, before any other work (bansos_portal/page_cache.py).
    "bansos_portal.page_cache.middleware.PageCacheMiddleware",
    # Compress pages for slow connections; Django pads responses against BREACH.
    "django.middleware.gzip.GZipMiddleware",
    # Cache-Control, ETag and Last-Modified for anonymous pages, from the uncompressed body.
    "bansos_portal.page_cache.middleware.HttpCachingMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "bansos_portal.two_factor.RequireTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # A 404 of a renamed or archived item becomes its redirect or its 410 page.
    "bansos_portal.links.stable.StableAddressMiddleware",
    # Records which signed-in editor made each revision.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a lockout into its answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "bansos_portal.urls"
WSGI_APPLICATION = "bansos_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            "builtins": ["bansos_portal.templatetags.bansos"],
        },
    },
]

# SQLite by default, so a fresh checkout runs with no setup;
# DATABASE_URL=postgres://user@host:5432/name in production.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A dead or unreachable database must fail fast (a 503 page), never hang a worker;
    # a runaway query is cut off before the app server's own timeout.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "connect_timeout": int(os.environ.get("DB_CONNECT_TIMEOUT", "3")),
            "options": f"-c statement_timeout={int(os.environ.get('DB_STATEMENT_TIMEOUT_MS', '10000'))}",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "id"
# Fixes to Django's own Indonesian (typos, English left over) on the pages Humas use.
LOCALE_PATHS = [BASE_DIR / "bansos_portal" / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Sessions and CSRF cookies exist only for Humas in the admin; public pages set none.
SESSION_COOKIE_AGE = 60 * 60 * 8
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", "False")
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", "False")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", "False")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0"))
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY", "False") else None
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# No inline scripts or styles anywhere: everything comes from our own static files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# Who runs this deployment, named on every page; set it to the real unit (e.g. its Biro Humas).
SITE_OPERATOR = os.environ.get("SITE_OPERATOR", "Kementerian Sosial Republik Indonesia")
# Humas' public e-mail on /kontak/; left empty, the page shows no e-mail rather than a made-up one.
CONTACT_EMAIL = os.environ.get("CONTACT_EMAIL", "")

# Search: how many characters of a query are read; longer input is cut, never rejected.
SEARCH_MAX_QUERY_LENGTH = 200


# --- Production: caching, hardening, faults ----------------------------------------------------


def cache_from_url(url):
    """CACHE_URL: redis://host:6379/0 in production (shared by every app server), local memory by default."""
    if url.startswith(("redis://", "rediss://", "unix://")):
        # Short timeouts: a dead Redis must cost milliseconds, the site then serves from the database.
        return {
            "BACKEND": "bansos_portal.page_cache.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "bansos"),
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    if url in ("", "locmem://"):
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 5000}}
    if url == "dummy://":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    raise ImproperlyConfigured(f"CACHE_URL must be redis://…, locmem:// or dummy://, got {url!r}")


CACHES = {"default": cache_from_url(os.environ.get("CACHE_URL", ""))}
SHARED_CACHE = CACHES["default"]["BACKEND"].endswith("RedisCache")

# Whole anonymous pages, stored server-side (0 turns the store off; HTTP caching headers stay).
# On by default only with a shared cache, or locally (runserver is one process): with local memory
# under several gunicorn workers, one worker would not hear of another's invalidation.
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300" if SHARED_CACHE or DEBUG else "0"))
# What browsers, nginx and a CDN may keep: short, so a correction reaches everyone within a minute.
PAGE_CACHE_MAX_AGE = int(os.environ.get("PAGE_CACHE_MAX_AGE", "60"))
PAGE_CACHE_STALE_WHILE_REVALIDATE = 30
# How long past max-age they may still show a copy while the portal errs: no longer than the above,
# because none of them hears of a withdrawal (unpublished, archived, deleted) the way our store does.
PAGE_CACHE_STALE_IF_ERROR = 30
# How long our store keeps an outdated copy to serve while the database is down (never one rendered
# before the last withdrawal, nor past an unpublish time it showed).
PAGE_CACHE_KEEP_STALE_SECONDS = 60 * 60 * 24
# The query parameters each page reads, by URL name. An address with any other parameter is answered
# but kept by no cache, so made-up parameters cannot fill the store.
PAGE_CACHE_QUERY_PARAMS = {
    "search": ["q", "jenis", "program", "page"],
    "search_suggestions": ["q"],
    "directory:finder": ["q"],
    "faq:clarifications": ["page"],
    "sitemap": ["p"],
    "api_programs": ["page", "limit"],
    "api_categories": ["page", "limit"],
    "api_questions": ["page", "limit", "category", "program"],
    "api_clarifications": ["page", "limit", "program"],
    "api_budgets": ["page", "limit", "program", "year"],
    "api_search": ["q", "type", "program", "limit"],
    "api_offices": ["page", "limit", "provinsi", "q"],
}
# Applied to Markdown before it is rendered (bansos_portal/rich_text.py): [[angka:nama]] becomes the figure.
RICH_TEXT_EXPANDERS = ["bansos_portal.figures.citations.expand"]
# Saving or deleting any model of these apps invalidates every stored page...
PAGE_CACHE_CONTENT_APPS = [
    "programs",
    "faq",
    "bansos_portal",
    "editorial",
    "links",
    "directory",
    "trust",
    "glossary",
    "figures",
]
# ...except these, which record visits rather than content, or count the changes themselves.
PAGE_CACHE_IGNORED_MODELS = [
    "bansos_portal.SearchQueryStat",
    "bansos_portal.ContentChange",
    "directory.LinkCheck",
    # Derived from content rows whose own save already starts a new generation.
    "bansos_portal.SearchEntry",
    "bansos_portal.SearchTerm",
    "bansos_portal.SearchPosting",
    # Staff-only records no public page shows.
    "editorial.PreviewKey",
    "editorial.EnrolmentCode",
]
# Rows derived from all content (the search index): a page that reads them is outdated by any change.
PAGE_CACHE_DERIVED_MODELS = ["bansos_portal.SearchEntry", "bansos_portal.SearchTerm", "bansos_portal.SearchPosting"]
# A CDN purge hook: after a change commits, the addresses of the pages it outdated are POSTed here as
# JSON (see docs/operasi.md). Empty: no purge.
PAGE_CACHE_PURGE_URL = os.environ.get("PAGE_CACHE_PURGE_URL", "")
PAGE_CACHE_PURGE_TIMEOUT = float(os.environ.get("PAGE_CACHE_PURGE_TIMEOUT", "3"))

# Admin at a path of your choosing (ADMIN_PATH=ruang-humas-7f3a/): fewer drive-by login attempts.
ADMIN_PATH = os.environ.get("ADMIN_PATH", "admin/").strip("/") + "/"

# Sign-in: lockout after repeated failures (django-axes), counted per user name AND client. Counting
# per user name alone let anyone who knows a staff name keep that account locked; now they lock only
# their own client, and the owner signs in from theirs. The "client" axes stores is a keyed hash
# (HMAC with SECRET_KEY) of the address, per /64 for IPv6, never the address itself (two_factor.client_key);
# failures are deleted once the cool-off ends. Behind a proxy, CLIENT_IP_HEADER names the header the
# proxy overwrites with the client's address (X-Real-IP in deploy/nginx); left empty, REMOTE_ADDR is used.
# Never name a header the proxy only passes on: a client could forge it and get fresh tries each time.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True
AXES_CLIENT_IP_CALLABLE = "bansos_portal.two_factor.client_key"
CLIENT_IP_HEADER = os.environ.get("CLIENT_IP_HEADER", "")
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_VERBOSE = False

# E-mail: notices to Humas when an item is submitted, returned or published (editorial/notifications.py).
# Off unless NOTIFY_EMAIL=True; `make run` prints them on the console. A mail server that does not answer
# within EMAIL_TIMEOUT seconds costs one log line, never the editor's click.
NOTIFY_EMAIL = env_bool("NOTIFY_EMAIL", "False")
# Where the links in those e-mails point: the admin's public address, without a trailing slash.
NOTIFY_SITE_URL = os.environ.get("NOTIFY_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", "False")
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Portal Bansos <noreply@localhost>")

# Two-factor sign-in (TOTP) for every account that can publish; `make run` turns it off locally.
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", "False" if DEBUG else "True")
OTP_TOTP_ISSUER = "Portal Bansos"

# An admin session ends after SESSION_COOKIE_AGE (8 hours) or when the browser closes.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Load balancers probe over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", "False")
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", "False")
SECURE_CONTENT_TYPE_NOSNIFF = True
# The portal needs none of these browser features; embedding sites cannot grant them either.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}
