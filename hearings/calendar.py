"""An iCalendar file (RFC 5545) of announced hearings, written by hand: the format is small, and
a dependency for it would be bigger than this module."""
import datetime

from django.utils import timezone

LINE_LIMIT = 75  # octets, without the CRLF (RFC 5545 §3.1)
HEARING_LENGTH = datetime.timedelta(hours=2)


def escape(text):
    """TEXT values (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines are escaped."""
    text = str(text or "")
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line):
    """Split a content line into pieces of at most 75 octets, never inside a UTF-8 character;
    each continuation starts with a space."""
    pieces, current = [], b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > LINE_LIMIT:
            pieces.append(current)
            current = b" "
        current += encoded
    pieces.append(current)
    return b"\r\n".join(pieces)


def utc_stamp(moment):
    return moment.astimezone(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def render(hearings, request, municipality, stamp=None):
    """The calendar as bytes. `stamp` (aware datetime) is its DTSTAMP: when its content last
    changed, so that the same content gives the same bytes and its ETag holds (a 304 for a
    calendar application polling it); the current time when not given."""
    host = request.get_host().split(":")[0] or "localhost"
    now = utc_stamp(stamp or timezone.now())
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//{escape(municipality.name)}//Public hearings//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(municipality.name)}",
    ]
    for hearing in hearings:
        location = ", ".join(str(part) for part in (hearing.place, hearing.village) if part)
        lines += [
            "BEGIN:VEVENT",
            f"UID:hearing-{hearing.pk}@{host}",
            f"DTSTAMP:{now}",
            f"DTSTART:{utc_stamp(hearing.starts_at)}",
            f"DTEND:{utc_stamp(hearing.starts_at + HEARING_LENGTH)}",
            f"SUMMARY:{escape(hearing.topic)}",
            f"LOCATION:{escape(location)}",
            f"DESCRIPTION:{escape(hearing.agenda)}",
            f"URL:{request.build_absolute_uri(hearing.get_absolute_url())}",
            f"SEQUENCE:{hearing.version}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return b"".join(fold(line) + b"\r\n" for line in lines)
