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


def calendar_events(response):
    from icalendar import Calendar

    return {str(event["SUMMARY"]): event for event in Calendar.from_ical(response.content).walk("VEVENT")}


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
    start = announced.starts_at.astimezone(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    assert event["DTSTART"] == start
    assert event["UID"] == f"hearing-{announced.pk}@testserver"
    assert event["DTSTAMP"].endswith("Z")
    assert event["URL"] == f"http://testserver{announced.get_absolute_url()}"


def test_the_calendar_description_carries_the_agenda_the_place_and_the_way_back(client, announced):
    """The issue's example: the address was only in URL:, which most calendar apps ignore."""
    [event] = calendar_events(client.get(reverse("hearings:ics"))).values()
    description = str(event["DESCRIPTION"])
    assert description.startswith("1. Бюджет\n2. Сунуштар")
    assert "Маданият үйү, чоң зал, Айры-Там" in description
    assert f"http://testserver{announced.get_absolute_url()}" in description


def test_the_calendar_lists_announced_and_recently_held_hearings_and_marks_cancelled_ones(client, announced):
    HearingFactory(topic="Өткөн айдагы угуу", state="held", starts_at=moment(-30))
    HearingFactory(topic="Токтотулган угуу", state="cancelled", starts_at=moment(5))
    HearingFactory(topic="Эки жыл мурунку угуу", state="held", starts_at=moment(-730))
    found = calendar_events(client.get(reverse("hearings:ics")))
    assert set(found) == {announced.topic, "Өткөн айдагы угуу", "Токтотулган угуу"}
    assert str(found["Токтотулган угуу"]["STATUS"]) == "CANCELLED"
    assert str(found["Өткөн айдагы угуу"]["STATUS"]) == "CONFIRMED"


def test_the_calendar_is_the_same_until_a_hearing_changes_so_calendars_get_a_304(client, announced):
    first = client.get(reverse("hearings:ics"))
    second = client.get(reverse("hearings:ics"))
    assert first.content == second.content  # DTSTAMP is the hearing's last change, not the request's time
    [event] = calendar_events(first).values()
    assert event.decoded("DTSTAMP") == announced.history.latest().history_date.replace(microsecond=0)
    assert client.get(reverse("hearings:ics"), HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    announced.topic = "Жаңы тема"
    announced.save()
    third = client.get(reverse("hearings:ics"), HTTP_IF_NONE_MATCH=first["ETag"])
    assert third.status_code == 200 and "Жаңы тема" in calendar_events(third)


def test_the_atom_feed_names_its_author_and_keeps_the_agendas_lines(client, announced):
    root = ET.fromstring(client.get(reverse("hearings:feed")).content)
    assert root.find(f"{ATOM}author/{ATOM}name").text  # RFC 4287 §4.1.1
    summary = root.find(f"{ATOM}entry/{ATOM}summary")
    assert summary.get("type") == "html"
    assert "<br>1. Бюджет<br>2. Сунуштар" in summary.text


def test_the_hearings_list_links_both_subscriptions(client):
    html = client.get(reverse("hearings:list")).content.decode()
    assert 'type="application/atom+xml"' in html
    assert reverse("hearings:ics") in html
    assert f'href="webcal://testserver{reverse("hearings:ics")}"' in html
