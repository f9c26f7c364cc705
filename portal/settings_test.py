"""Settings for the test suite: production settings with what makes tests fast and
deterministic (cookiecutter-django does the same). The database still comes from DATABASE_URL."""
import os

# Production settings refuse to start without a key (fail closed); the tests bring their own.
os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz")

from portal.settings import *  # noqa: E402,F401,F403

# `testserver` is not among the production hosts; the test client's host is added here only.
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]  # noqa: F405

SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
AXES_ENABLED = True
LOGGING = {"version": 1, "disable_existing_loggers": False,
           "root": {"handlers": [], "level": "CRITICAL"}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}}
# One test client downloads many documents from one address (the crawl); the limit has its own test.
DOCUMENT_RATE_LIMIT = ""
