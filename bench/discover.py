"""Find the pages to measure by crawling the site, as tests/test_crawl.py does.

From the home page, follow every link within the site (GET only) as one visitor, but open at most
a few URLs of each URL pattern (`resolve(path).route`): the pattern, not the URL, is what gets
measured, so the crawl stays short whatever the amount of data. Documents (a route whose last
part has a file extension: .pdf, .csv, .ics, .atom …) are noted but not opened by the crawl:
they are measured on their own. New pages are covered as soon as something links to them (or redirects to them).
"""
import re
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

from django.urls import Resolver404, resolve

SKIP_PREFIXES = ("/static/", "/media/")
SKIP_PARTS = ("/accounts/logout/", "/admin/", "/accounts/password/")
DOCUMENT = re.compile(r"\.[A-Za-z0-9]{2,5}$")


class LinkParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)


def links_of(html):
    parser = LinkParser()
    parser.feed(html)
    for href in parser.links:
        href, _fragment = urldefrag(href)
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path.startswith("/"):
            continue
        yield href


@dataclass
class Visit:
    url: str
    status: int = 0
    content_type: str = ""
    size: int = 0
    location: str = ""
    error: str = ""

    @property
    def to_login(self):
        return self.status in (301, 302) and "/accounts/login/" in self.location


@dataclass
class Route:
    route: str
    view_name: str
    is_document: bool
    visits: list = field(default_factory=list)
    # Documents are not opened by the crawl: the URLs found for them.
    urls: list = field(default_factory=list)
    timed_out: bool = False

    def best(self):
        """The URL to measure: the biggest page that answered 200 (the most data on it), else
        the first one seen."""
        ok = [visit for visit in self.visits if visit.status == 200]
        if ok:
            return max(ok, key=lambda visit: (visit.size, -len(visit.url))).url
        if self.visits:
            return self.visits[0].url
        return self.urls[0] if self.urls else None


def error_of(response):
    """'Exception: message (file:line)' of a server error, from a client made with
    raise_request_exception=False; '' otherwise."""
    import traceback

    exc_info = getattr(response, "exc_info", None)
    if not exc_info:
        return ""
    kind, value, trace = exc_info
    frames = [frame for frame in traceback.extract_tb(trace) if "site-packages" not in frame.filename]
    where = f" ({frames[-1].filename.rsplit('/work/main/', 1)[-1]}:{frames[-1].lineno})" if frames else ""
    return f"{kind.__name__}: {str(value)[:200]}{where}"


def error_text(response):
    return getattr(response, "error", "") or error_of(response)


def route_of(path):
    """The URL pattern `path` matches, or None. Resolved in the path's own language: i18n patterns
    match only the active language's prefix, and the last request (LocaleMiddleware) leaves its
    language active in this thread, whatever it was."""
    from django.utils import translation

    first = path.strip("/").split("/")[0]
    try:
        with translation.override(first if _has_language_prefix(path) else None):
            return resolve(path)
    except Resolver404:
        return None


def plain_get(client, url):
    response = client.get(url)
    body = response.content if not getattr(response, "streaming", False) else b"".join(response.streaming_content)
    return response, body


def crawl(client, start="/ky/", extra_starts=(), per_route=3, max_pages=500, known=(), fetch=plain_get):
    """{route: Route} of every pattern reachable from `start` (and `extra_starts`). Routes in
    `known` (already crawled as another visitor) are opened once only, for their links."""
    language_prefix = "/" + start.strip("/").split("/")[0] + "/"
    routes, seen, queue, fetched = {}, set(), deque(), 0
    for url in (start, *extra_starts):
        seen.add(url)
        queue.append(url)
    while queue and fetched < max_pages:
        url = queue.popleft()
        path = urlsplit(url).path
        match = route_of(path)
        if match is None:
            continue
        entry = routes.get(match.route)
        if entry is None:
            entry = routes[match.route] = Route(match.route, match.view_name or "", bool(DOCUMENT.search(path)))
        if entry.is_document:
            if len(entry.urls) < per_route:
                entry.urls.append(url)
            continue
        if entry.timed_out or len(entry.visits) >= (1 if match.route in known else per_route):
            continue
        response, body = fetch(client, url)
        fetched += 1
        if response.status_code == 0:  # ran out of time (see bench.measure.get): not again
            entry.timed_out = True
        content_type = response.get("Content-Type", "")
        entry.visits.append(Visit(url, response.status_code, content_type, len(body), response.get("Location", ""),
                                  error_text(response)))
        links = []
        if response.status_code == 200 and content_type.startswith("text/html"):
            links = links_of(body.decode("utf-8", "replace"))
        elif response.status_code in (301, 302, 303, 307, 308) and not entry.visits[-1].to_login:
            # A page that sends on to another (the annual report's index to the latest year):
            # the page it sends to is a page too.
            links = [location for location in [response.get("Location", "")] if location.startswith("/")]
        for link in links:
            if link.startswith(SKIP_PREFIXES) or any(part in link for part in SKIP_PARTS):
                continue
            if not (link.startswith(language_prefix) or not _has_language_prefix(link)):
                continue  # the same pages in another language: the same views
            if link not in seen:
                seen.add(link)
                queue.append(link)
    return routes


def _has_language_prefix(path):
    from django.conf import settings

    first = path.strip("/").split("/")[0]
    return first in dict(settings.LANGUAGES)


def pages_to_measure(anonymous_routes, staff_routes):
    """[(role, Route)]: each pattern once, as a citizen when a citizen can open it, else as staff."""
    chosen = []
    for route, entry in anonymous_routes.items():
        if entry.is_document or any(visit.status < 400 and not visit.to_login for visit in entry.visits):
            chosen.append(("anonymous", entry))
    public = {entry.route for _role, entry in chosen}
    for route, entry in staff_routes.items():
        if route not in public:
            chosen.append(("staff", entry))
    return chosen
