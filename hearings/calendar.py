"""The iCalendar file of public hearings (RFC 5545), written with the `icalendar` library: folding,
escaping and time zones are its job.

What it lists (`calendar_hearings`): published hearings announced for any date, and those held or
cancelled in the last CALENDAR_PAST_DAYS days, so that a subscribed calendar also learns that a
hearing took place or was called off (STATUS:CANCELLED). Every event's DTSTAMP is the hearing's
last change (from its history), not the time of the request: the same data give the same bytes,
so the file's ETag is stable and a calendar that asks again gets a 304.
"""
import datetime

from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from core.text import clean_text

HEARING_LENGTH = datetime.timedelta(hours=2)
CALENDAR_PAST_DAYS = 365


def calendar_hearings(queryset):
    """`queryset` (published hearings) narrowed to the calendar's window, each with `last_change`
    (a datetime: its latest history record) annotated: one query."""
    from hearings.models import Hearing

    since = timezone.now() - datetime.timedelta(days=CALENDAR_PAST_DAYS)
    latest = (Hearing.history.model.objects.filter(id=OuterRef("pk")).order_by("-history_date")
              .values("history_date")[:1])
    return (queryset.filter(Q(state=Hearing.State.ANNOUNCED) | Q(starts_at__gte=since))
            .annotate(last_change=Subquery(latest)).select_related("village").order_by("starts_at", "pk"))


def last_change(hearing):
    return getattr(hearing, "last_change", None) or hearing.published_at or hearing.starts_at


def _text(value):
    return clean_text(str(value or ""))


def render(hearings, request, municipality):
    """bytes of a VCALENDAR with one VEVENT per hearing (see `calendar_hearings`)."""
    from icalendar import Calendar, Event

    from hearings.models import Hearing

    host = request.get_host().split(":")[0] or "localhost"
    calendar = Calendar()
    calendar.add("prodid", f"-//{_text(municipality.name)}//Public hearings//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _text(municipality.name))
    for hearing in hearings:
        url = request.build_absolute_uri(hearing.get_absolute_url())
        location = ", ".join(_text(part) for part in (hearing.place, hearing.village) if part)
        # Most calendar apps ignore URL: the way back to the hearing's page is in the text too.
        description = "\n\n".join(part for part in (
            _text(hearing.agenda),
            _("Place: %(place)s") % {"place": location} if location else "",
            _("Details: %(url)s") % {"url": url},
        ) if part)
        event = Event()
        event.add("uid", f"hearing-{hearing.pk}@{host}")
        # In UTC ("…Z"): every client reads it without a VTIMEZONE block.
        event.add("dtstamp", last_change(hearing).astimezone(datetime.timezone.utc))
        event.add("dtstart", hearing.starts_at.astimezone(datetime.timezone.utc))
        event.add("dtend", (hearing.starts_at + HEARING_LENGTH).astimezone(datetime.timezone.utc))
        event.add("summary", _text(hearing.topic))
        if location:
            event.add("location", location)
        event.add("description", description)
        event.add("url", url)
        event.add("sequence", hearing.version)
        event.add("status", "CANCELLED" if hearing.state == Hearing.State.CANCELLED else "CONFIRMED")
        calendar.add_component(event)
    return calendar.to_ical()
