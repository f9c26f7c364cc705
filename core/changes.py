"""When did what a page or document shows last change? One answer, from the history tables
(django-simple-history records every save and delete, bulk imports included), used twice:

- documents (PDFs, CSV, XLSX, iCalendar): `with_last_modified(when)` is Django's own `condition`
  decorator with an ETag made from the same moment (`document_etag`), so a browser asking
  again with If-None-Match or If-Modified-Since gets a 304 before the document is built (a view
  that sets its own ETag, as `pdf_response` does, keeps it);
- public pages: `cache_until_changed(*models)` keeps a citizen's page until a model it shows
  changes. The whole-page cache (core.middleware) is keyed on the one content version, so any
  change anywhere empties it; this second level makes the first visitor after an unrelated
  change (a proposal decided, say, for the budget page) get the page for one small query
  instead of a fresh rendering.
"""
import datetime
import hashlib
from functools import lru_cache, wraps

from django.apps import apps
from django.db import connection
from django.utils.translation import get_language
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.dateparse import parse_datetime
from django.utils.http import http_date
from django.views.decorators.http import condition


def last_changed(*sources, at_least_today=False):
    """The latest change of any source, a timezone-aware datetime (None when nothing is
    recorded). A source is a model with `history` (or its label, or ANY_CONTENT) or a queryset of
    history rows (`BudgetLine.history.filter(budget_year_id=…)`). One query for all of them: a MAX
    per history table (an index lookup each), so a document costs one query more, not one per table.
    `at_least_today`: for documents that change with the date (upcoming hearings), never
    older than today's midnight."""
    if all(isinstance(source, str) or isinstance(source, type) for source in sources):
        sql, params = _select_for_models(tuple(sources))  # the same SQL every time: built once
    else:
        sql, params = _select_of(_expand(sources))
    moments = []
    if sql:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            moments = [aware(value) for value in cursor.fetchone()]
    if at_least_today:
        moments.append(timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time())))
    moments = [moment for moment in moments if moment]
    return max(moments) if moments else None


def _select_of(sources):
    parts, params = [], []
    for index, source in enumerate(sources):
        # `Model.history` builds a new manager class at each access (django-simple-history): a
        # page kept this way paid ~1 ms a model for it before its one query.
        history = source.history.all() if isinstance(source, type) else source
        sql, part_params = history.order_by().values("history_date").query.sql_with_params()
        parts.append(f"(SELECT MAX(h{index}.history_date) FROM ({sql}) h{index})")
        params.extend(part_params)
    return ("SELECT " + ", ".join(parts), tuple(params)) if parts else ("", ())


@lru_cache(maxsize=None)
def _select_for_models(sources):
    return _select_of(_expand(sources))


ANY_CONTENT = "*"


def _keeps_history(model):
    return hasattr(model._meta, "simple_history_manager_attribute")


def _expand(sources):
    for source in sources:
        if source == ANY_CONTENT:
            from core.cache import is_content_app

            yield from (model for model in apps.get_models()
                        if is_content_app(model._meta.app_label) and _keeps_history(model))
        elif isinstance(source, (str, type)):
            model = apps.get_model(source) if isinstance(source, str) else source
            if not _keeps_history(model):
                # Its changes would go unseen: a page showing it cannot be kept this way.
                raise ValueError(f"{model._meta.label} keeps no history")
            yield model
        else:
            yield source


def aware(value):
    """A datetime read raw from the database (a MAX(), a UNION's column): SQLite gives text in
    UTC, PostgreSQL an aware datetime; None stays None."""
    if isinstance(value, str):
        value = parse_datetime(value)
    if value is not None and timezone.is_naive(value):
        value = timezone.make_aware(value, datetime.timezone.utc)
    return value


def with_last_modified(when):
    """Decorator for a document view: `when(request, *args, **kwargs)` gives its Last-Modified,
    and an ETag made from it (document_etag). Browsers revalidate with If-None-Match first, and
    Django's `condition` ignores If-Modified-Since when that header is there: without an ETag of
    its own here, a revalidation would build the whole document to hash it before its 304."""
    def changed(request, *args, **kwargs):
        # `condition` asks for the ETag and the Last-Modified separately: one query for both.
        known = request.__dict__.setdefault("_document_changed", {})
        if when not in known:
            known[when] = when(request, *args, **kwargs)
        return known[when]

    def etag(request, *args, **kwargs):
        return document_etag(request, changed(request, *args, **kwargs))

    return condition(etag_func=etag, last_modified_func=changed)


def document_etag(request, changed):
    """An ETag (unquoted, as `condition` wants it) for a document whose content last changed at
    `changed`: also keyed on its address with the query (a dialect, a year), the language,
    whether the visitor sees drafts, and the content version (a bulk update records no history
    but bumps the version)."""
    from core import roles
    from core.cache import content_version

    parts = [request.get_full_path(), get_language() or "", str(roles.can_see_drafts(getattr(request, "user", None))),
             changed.isoformat() if changed else "", str(content_version())]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]


def models_changed(*models, at_least_today=False):
    """`when` for a document that shows these models (any of their rows)."""
    return lambda request, *args, **kwargs: last_changed(*models, at_least_today=at_least_today)


def answer_conditionally(request, response, *, etag, last_modified):
    """For a view that knows its document's ETag (a quoted string) and last change (datetime or
    None) only after some work: sets both on `response` and returns a 304 in its stead when the
    browser's copy is current (RFC 9110 precedence: If-None-Match before If-Modified-Since)."""
    response["ETag"] = etag
    timestamp = int(last_modified.timestamp()) if last_modified else None
    if timestamp:
        response["Last-Modified"] = http_date(timestamp)
    return get_conditional_response(request, etag=etag, last_modified=timestamp, response=response)


PAGE_SECONDS = 60 * 60


def cache_until_changed(*models, at_least_today=False):
    """Decorator for a public page's view: for citizens (the requests and responses the page
    cache middleware would cache), the response is kept under a key made of the address, the
    language and `last_changed(*models)`; `at_least_today` for pages that change with the date
    (upcoming hearings). Kept an hour at most, so a new release's templates show within it."""
    from core.middleware import AnonymousPageCacheMiddleware, cached_page, keep_page

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not AnonymousPageCacheMiddleware._cacheable_request(request):
                return view(request, *args, **kwargs)
            changed = last_changed(*models, at_least_today=at_least_today)
            key = "portal:changed-page:" + hashlib.sha256(
                f"{changed}|{get_language()}|{request.get_full_path()}".encode()).hexdigest()
            cached = cached_page(key)
            if cached is not None:
                return cached
            response = view(request, *args, **kwargs)
            keep_page(key, response, PAGE_SECONDS)
            return response

        return wrapper

    return decorator
