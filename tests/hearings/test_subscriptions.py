"""Following announcements without an account: the Atom feed and the iCalendar file."""
import datetime
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from hearings import calendar
from tests.hearings.factories import HearingFactory, moment

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def unfold(body):
    """RFC 5545 §3.1: lines end with CRLF; a line starting with a space continues the previous one."""
    text = body.decode("utf-8")
    assert "\n" not in text.replace("\r\n", ""), "every line must end with CRLF"
    lines = []
    for line in text.split("\r\n"):
        if line.startswith(" ") and lines:
            lines[-1] += line[1:]
        elif line:
            lines.append(line)
    return lines


def events(body):
    found, current = [], None
    for line in unfold(body):
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            found.append(current)
            current = None
        elif current is not None:
            name, _colon, value = line.partition(":")
            current[name] = value
    return found


def unescape(value):
    return (value.replace("\\n", "\n").replace("\\,", ",").replace("\\;", ";").replace("\\\\", "\\"))


@pytest.fixture
def announced():
    return HearingFactory(
        topic="2027-жылдын бюджети; кирешелер, чыгашалар жана \\ башкалар: " + "өңү " * 20,
        state="announced", starts_at=moment(12, hour=10), place="Маданият үйү, чоң зал",
        agenda="1. Бюджет\n2. Сунуштар")


def test_the_atom_feed_lists_announced_published_hearings(client, announced):
    HearingFactory(topic="Жашыруун жарыя", state="announced", starts_at=moment(3), status="draft")
    HearingFactory(topic="Өткөн угуу")
    response = client.get(reverse("hearings:feed"))
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 1
    entry = entries[0]
    assert entry.find(f"{ATOM}title").text.startswith("2027-жылдын бюджети")
    assert entry.find(f"{ATOM}link").get("href").endswith(announced.get_absolute_url())


def test_the_calendar_is_valid_rfc5545(client, announced):
    HearingFactory(topic="Жашыруун жарыя", state="announced", starts_at=moment(3), status="draft")
    response = client.get(reverse("hearings:ics"))
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content
    assert body.startswith(b"BEGIN:VCALENDAR\r\n") and body.endswith(b"END:VCALENDAR\r\n")
    for raw_line in body.split(b"\r\n"):
        assert len(raw_line) <= 75, raw_line
        raw_line.decode("utf-8")  # folding never splits a character
    found = events(body)
    assert len(found) == 1
    event = found[0]
    assert unescape(event["SUMMARY"]) == announced.topic
    assert "\\;" in event["SUMMARY"] and "\\\\" in event["SUMMARY"]
    assert unescape(event["LOCATION"]) == "Маданият үйү, чоң зал, Айры-Там"
    assert unescape(event["DESCRIPTION"]) == "1. Бюджет\n2. Сунуштар"
    start = announced.starts_at.astimezone(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    assert event["DTSTART"] == start
    assert event["UID"] == f"hearing-{announced.pk}@testserver"
    assert event["DTSTAMP"].endswith("Z")
    assert event["URL"] == f"http://testserver{announced.get_absolute_url()}"


def test_folding_splits_long_lines_at_75_octets_without_breaking_letters():
    line = "SUMMARY:" + "ң" * 100
    folded = calendar.fold(line)
    pieces = folded.split(b"\r\n")
    assert all(len(piece) <= 75 for piece in pieces)
    assert b"".join(piece[1:] if index else piece for index, piece in enumerate(pieces)).decode() == line


def test_the_hearings_list_links_both_subscriptions(client):
    html = client.get(reverse("hearings:list")).content.decode()
    assert 'type="application/atom+xml"' in html
    assert reverse("hearings:ics") in html
