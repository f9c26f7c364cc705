"""Production settings plus the baseline page, for the benchmark only (bench/run).

The project's URLs are untouched: this settings module swaps in bench/urls.py, which is the
project's URLconf plus one extra page that renders base.html with no queries. Everything else
(DEBUG off, whitenoise with hashed static names, middleware, caches, templates) stays as in
production, so the figures are those of the real site. Plain http on 127.0.0.1: no HTTPS redirect.
"""
from portal.settings import *  # noqa: F401,F403

ROOT_URLCONF = "bench.urls"
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
LOGGING = {"version": 1, "disable_existing_loggers": False,
           "handlers": {"console": {"class": "logging.StreamHandler"}},
           "root": {"handlers": ["console"], "level": "ERROR"},
           # Server errors are recorded in the results with their exception; no tracebacks here.
           "loggers": {"django.request": {"level": "CRITICAL"}}}
# measure.py drives the site with Django's test client (host `testserver`, no longer a default
# host) from one address that asks for every document on purpose.
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]  # noqa: F405
DOCUMENT_RATE_LIMIT = ""
