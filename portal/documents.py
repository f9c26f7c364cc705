"""Validators for every document the portal sends (PDFs, CSV, XLSX, iCalendar, feeds), in one
place: a Last-Modified from the history tables (django-simple-history records every change,
deletions included) and an ETag (from `pdf_response`, the view, or else
ConditionalGetMiddleware, which hashes the body).

`with_last_modified(when)` is Django's own `condition` decorator: a browser asking again with
If-Modified-Since gets a 304 before anything is queried or rendered.
"""
import datetime

from django.db import connection
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.dateparse import parse_datetime
from django.utils.http import http_date
from django.views.decorators.http import condition


def last_changed(*sources, at_least_today=False):
    """The latest change of any source, a timezone-aware datetime (None when nothing is
    recorded). A source is a model with `history` or a queryset of history rows
    (`BudgetLine.history.filter(budget_year_id=…)`). One query for all of them: a MAX per
    history table (an index lookup each), so a document costs one query more, not one per table.
    `at_least_today`: for documents that change with the date (upcoming hearings), never
    older than today's midnight."""
    parts, params = [], []
    for index, source in enumerate(sources):
        history = source.history.all() if hasattr(source, "history") else source
        sql, part_params = history.order_by().values("history_date").query.sql_with_params()
        parts.append(f"(SELECT MAX(h{index}.history_date) FROM ({sql}) h{index})")
        params.extend(part_params)
    moments = []
    if parts:
        with connection.cursor() as cursor:
            cursor.execute("SELECT " + ", ".join(parts), params)
            moments = [_aware(value) for value in cursor.fetchone()]
    if at_least_today:
        moments.append(timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time())))
    moments = [moment for moment in moments if moment]
    return max(moments) if moments else None


def _aware(value):
    """A raw MAX(): SQLite gives text in UTC, PostgreSQL an aware datetime."""
    if isinstance(value, str):
        value = parse_datetime(value)
    if value is not None and timezone.is_naive(value):
        value = timezone.make_aware(value, datetime.timezone.utc)
    return value


def with_last_modified(when):
    """Decorator for a document view: `when(request, *args, **kwargs)` gives its Last-Modified."""
    return condition(last_modified_func=when)


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
