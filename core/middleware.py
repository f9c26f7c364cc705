"""Whole-page cache for what citizens see.

Anonymous GET requests for HTML pages are answered from the cache when the same page was
rendered since the last change of any content (core.cache's content version is part of the
key, and every save, delete or publish bumps it). People who are logged in, or whose request
carries a session or messages, always get a fresh page; a response that sets a cookie (a page
with a CSRF token, say) is never cached.
"""
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import render
from django_ratelimit.core import is_ratelimited

from core.cache import content_version
from core.client_ip import ratelimit_key

PAGE_CACHE_SECONDS = 60 * 10
_PRIVATE_COOKIES = {settings.SESSION_COOKIE_NAME, "messages"}


class RequestBodyLimitMiddleware:
    """Refuses a request whose declared body is larger than its sender may send, before anything
    reads it: settings.MAX_BODY_ANONYMOUS for visitors (whose only form is the login),
    settings.MAX_BODY for people who are logged in (the largest form: a progress update with
    twelve 8 MB photos). Django's own DATA_UPLOAD_MAX_MEMORY_SIZE does not count uploaded files,
    so without this a visitor's 99 MB multipart POST would be read to the end. A body without a
    Content-Length is not read by Django at all. nginx's `client_max_body_size` (README) refuses
    earlier still."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = settings.MAX_BODY if request.user.is_authenticated else settings.MAX_BODY_ANONYMOUS
        if length > limit:
            response = render(request, "413.html", {"limit_mb": max(1, limit // (1024 * 1024))}, status=413)
            response["Connection"] = "close"  # the unread body must not be taken for the next request
            return response
        return self.get_response(request)


class DocumentRateLimitMiddleware:
    """Per-address limit on anonymous downloads of documents (PDF, ZIP, CSV, XLSX), whose making
    costs far more than a page: past settings.DOCUMENT_RATE_LIMIT (e.g. "30/m") the visitor gets
    a readable 429 page in their language. Staff and deputies are not limited. The address is
    core.client_ip's (the real one behind proxies); counts live in the default cache (exact with
    Redis, approximate with the file cache, which cannot increment atomically)."""

    SUFFIXES = (".pdf", ".zip", ".csv", ".xlsx")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (request.path.endswith(self.SUFFIXES) and not request.path.startswith(settings.MEDIA_URL)
                and not request.user.is_authenticated and settings.DOCUMENT_RATE_LIMIT
                and is_ratelimited(request, group="documents", key=ratelimit_key,
                                   rate=settings.DOCUMENT_RATE_LIMIT, increment=True)):
            response = render(request, "429.html", status=429)
            response["Retry-After"] = "60"
            return response
        return self.get_response(request)


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._cacheable_request(request):
            # No bump here: a POST is not a change of content (a failed login, a search form, a
            # session save). Content changes bump the version where they happen: model signals
            # (core.cache) and the bulk services that send none (budget import, project links).
            return self.get_response(request)
        key = "portal:page:" + hashlib.sha256(
            f"{content_version()}|{request.get_full_path()}".encode()).hexdigest()
        cached = cache.get(key)
        if cached is not None:
            content, headers = cached
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            return response
        response = self.get_response(request)
        if self._cacheable_response(response):
            cache.set(key, (response.content, list(response.items())), PAGE_CACHE_SECONDS)
        return response

    @staticmethod
    def _cacheable_request(request):
        return (
            request.method == "GET"
            and not request.user.is_authenticated
            and not (_PRIVATE_COOKIES & set(request.COOKIES))
        )

    @staticmethod
    def _cacheable_response(response):
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and response.get("Content-Type", "").startswith("text/html")
        )
