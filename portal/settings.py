"""Settings of the aiyl okmotu portal.

Everything that differs between a laptop, CI and production comes from the environment
(see README, "Configuration"). The defaults are the safe ones: DEBUG off, HTTPS-only cookies,
and an SQLite file so that one laptop can run the portal with nothing else installed.
"""
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
# The environment, read as cookiecutter-django does (django-environ): typed, one place.
env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)
# Fail closed: a production site must never run with a key that is written in this file.
if DEBUG:
    SECRET_KEY = env("DJANGO_SECRET_KEY", default="django-insecure-debugging-laptop-only-0123456789")
else:
    SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
    if not SECRET_KEY:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it to a long random value, e.g. "
            "export DJANGO_SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))') "
            "(scripts/run.sh keeps one in var/secret_key), or set DJANGO_DEBUG=1 on a developer's machine.")
# Tests and tools name their own hosts; `testserver` is not a host of a real site.
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Before admin, so that its admin classes and the translated fields are registered first.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "axes",
    "csp",
    "core",
    "portal",
    "groups",
    "hearings",
    "budget",
    "projects",
    "planning",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Pages compressed for slow mobile connections; Django masks the CSRF token per response,
    # which defuses BREACH-style attacks on compressed pages.
    "django.middleware.gzip.GZipMiddleware",
    # ETag on every page and export (CSV, XLSX, calendar, feed, ZIP): a repeat visit costs a 304.
    "django.middleware.http.ConditionalGetMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.middleware.RequestBodyLimitMiddleware",
    "core.middleware.DocumentRateLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    "core.middleware.AnonymousPageCacheMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.portal",
            ],
            "builtins": ["core.templatetags.portal"],
        },
    },
]

# --- Database: PostgreSQL through DATABASE_URL, an SQLite file when it is not set.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while staff save; the timeout rides out short write locks.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache: Redis through CACHE_URL (redis://host:6379/0) when several hosts serve the portal;
# by default a file cache on this machine, which all gunicorn workers share, so that an edit
# invalidates the citizens' cached pages in every worker at once (local memory would not).
CACHE_URL = env("CACHE_URL", default="")
if CACHE_URL.startswith(("redis://", "rediss://")):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}}
elif CACHE_URL == "locmem://":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "portal"}}
else:
    CACHES = {"default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": env("DJANGO_CACHE_DIR", default=str(BASE_DIR / "var" / "cache")),
        "OPTIONS": {"MAX_ENTRIES": 2000},
    }}

# --- Accounts, roles and login lockout.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "portal:home"
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 1  # hours
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "core.roles.login_attempt_username"
# The client's address, resolved once behind DJANGO_PROXY_COUNT proxies (core/client_ip.py): the
# lockout counts failures per user name *and* address, so an attacker elsewhere cannot lock out
# the real user, and the attempt log names the real address, not the proxy's.
PROXY_COUNT = env.int("DJANGO_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "core.client_ip.client_ip"

# --- Languages: Kyrgyz is the state language and the default.
LANGUAGE_CODE = "ky"
LANGUAGES = [
    ("ky", "Кыргызча"),
    ("ru", "Русский"),
    ("en", "English"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]

# Content in two languages (django-modeltranslation): `title` reads and orders by the active
# language's column (`title_ky`, `title_ru`, `title_en`) and falls back to the other official
# language when a text is missing in the reader's (issue "bilingual": ru -> ky, ky -> ru,
# en -> ru -> ky).
MODELTRANSLATION_DEFAULT_LANGUAGE = "ky"
MODELTRANSLATION_LANGUAGES = ("ky", "ru", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("ky", "ru"), "ky": ("ru",), "ru": ("ky",), "en": ("ru", "ky")}
# A text given without its language (Model(title=…)) is also kept as the Kyrgyz one.
MODELTRANSLATION_AUTO_POPULATE = "default"
USE_I18N = True
FORMAT_MODULE_PATH = ["core.formats"]
TIME_ZONE = "Asia/Bishkek"
USE_TZ = True

# --- Static and media files.
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("DJANGO_STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("DJANGO_MEDIA_ROOT", default=str(BASE_DIR / "media")))
# Uploaded files always pass through core.uploads.serve_upload (who may see them); the bytes may
# then be sent by nginx (an `internal` location, e.g. /protected-media/) or by Apache/lighttpd.
MEDIA_X_ACCEL_PREFIX = env("DJANGO_MEDIA_X_ACCEL_PREFIX", default="")
MEDIA_X_SENDFILE = env.bool("DJANGO_MEDIA_X_SENDFILE", default=False)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not env.bool("DJANGO_SIMPLE_STATIC", default=DEBUG)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 30
# Request bodies, sized to what the forms need (issue #15, item 5). The whole body, files
# included (core.middleware.RequestBodyLimitMiddleware): visitors only log in; staff send at
# most a progress update with 12 photos of 8 MB. nginx: `client_max_body_size 100m;` (README).
MAX_BODY_ANONYMOUS = env.int("DJANGO_MAX_BODY_ANONYMOUS", default=64 * 1024)
MAX_BODY = env.int("DJANGO_MAX_BODY", default=100 * 1024 * 1024)
# Fields other than files: the largest is the budget line editor (a year of ~400 lines, about
# 12 fields each, a few hundred KB); uploads over 2.5 MB go to a temporary file, not memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10000
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024 + 512 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Security. Production (DEBUG off) is HTTPS-only unless DJANGO_SECURE=0 is said out loud,
# which the README's local demo command does because it serves plain http on 127.0.0.1.
SECURE = env.bool("DJANGO_SECURE", default=not DEBUG)
SECURE_SSL_REDIRECT = SECURE
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 if SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_HSTS_PRELOAD = SECURE
# X-Forwarded-Proto is believed only from a proxy of ours: with none before the portal, a visitor
# could send it and make a plain-http request pass for https (Django's warning on this setting).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if PROXY_COUNT else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_AGE = 60 * 60 * 12

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

EMAIL_BACKEND = env("DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="WARNING")},
}

# Limits that keep one request from tying up the server.
PDF_MAX_CONCURRENT = env.int("PDF_MAX_CONCURRENT", default=2)
# Anonymous downloads of documents (PDF, ZIP, CSV, XLSX) per client address (django-ratelimit
# syntax, "30/m" = 30 a minute); empty turns the limit off.
DOCUMENT_RATE_LIMIT = env("DJANGO_DOCUMENT_RATE_LIMIT", default="30/m")
