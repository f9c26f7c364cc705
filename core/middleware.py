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

from core.cache import bump_content_version, content_version

PAGE_CACHE_SECONDS = 60 * 10
_PRIVATE_COOKIES = {settings.SESSION_COOKIE_NAME, "messages"}


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._cacheable_request(request):
            response = self.get_response(request)
            if request.method not in ("GET", "HEAD", "OPTIONS") and response.status_code < 400:
                # A change made through a page (a bulk import, say) may send no model signal.
                bump_content_version()
            return response
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
