"""What a citizen sees of hearings and proposals, and what never reaches them."""
import csv
import datetime
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from hearings.models import Hearing, Proposal
from tests.factories import VillageFactory
from tests.hearings.factories import (HearingFactory, InitiativeGroupFactory, ProgrammeFactory, ProposalFactory,
                                      moment)

pytestmark = pytest.mark.django_db


def text_of(response):
    """The page's visible text, tags removed and spaces squeezed."""
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def figure(text, value, label):
    return re.search(rf"\b{value} {label}", text) is not None


def test_the_programme_hearing_page_shows_the_reports_figures(client, demo_data):
    hearing = Hearing.objects.get(kind="programme", state="held", starts_at__year=2021)
    text = text_of(client.get(hearing.get_absolute_url()))
    assert figure(text, 83, "participants")
    assert figure(text, 31, "women") and "37 % of participants" in text.replace("\xa0", " ")
    assert figure(text, 52, "men")
    assert figure(text, 23, "proposals and questions received")
    assert figure(text, 11, "of them from initiative groups")
    assert figure(text, 8, "accepted")


def test_the_budget_hearing_page_shows_the_reports_figures(client, demo_data):
    hearing = Hearing.objects.get(kind="budget_draft", starts_at__year=2021)
    text = text_of(client.get(hearing.get_absolute_url()))
    for value, label in [(135, "participants"), (57, "women"), (78, "men"), (25, "came from initiative groups"),
                         (11, "proposals and questions received"), (7, "accepted")]:
        assert figure(text, value, label), (value, label)
    for beginning in ("Китепканалардын ишин жакшыртуу", "Ичүүчү суу ташуучу унаа сатып алуу",
                      "Окуучуларды мектепке ташуучу автобус сатып алуу"):
        assert beginning in text


def test_the_demo_programme_took_in_exactly_eight_proposals(client, demo_data):
    from hearings.models import DevelopmentProgramme

    programme = DevelopmentProgramme.objects.get(first_year=2022)
    assert programme.resolution.number == "1/5"
    assert Proposal.objects.filter(programme=programme, status="accepted").count() == 8
    text = text_of(client.get(programme.get_absolute_url()))
    assert "resolution No. 1/5 of 24.12.2021" in text


def test_the_list_shows_upcoming_and_past_published_hearings_and_subscription_links(client):
    HearingFactory(topic="Өткөн угуу")
    HearingFactory(topic="Келе турган угуу", state="announced", starts_at=moment(7))
    HearingFactory(topic="Жашыруун долбоор", status="draft")
    html = client.get(reverse("hearings:list")).content.decode()
    assert html.index("Келе турган угуу") < html.index("Өткөн угуу")
    assert "Жашыруун долбоор" not in html
    assert reverse("hearings:feed") in html and reverse("hearings:ics") in html


def test_a_draft_hearing_and_its_proposals_never_reach_a_citizen(client, deputy_client):
    draft = HearingFactory(topic="Жашыруун угуу", status="draft", published_at=None)
    ProposalFactory(hearing=draft, text="Жашыруун сунуш")
    upcoming_draft = HearingFactory(topic="Жашыруун жарыя", status="draft", state="announced", starts_at=moment(5))
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(reverse("hearings:minutes_pdf", args=[draft.pk])).status_code == 404
    assert client.get(reverse("hearings:announcement_pdf", args=[upcoming_draft.pk])).status_code == 404
    for url in (reverse("hearings:list"), reverse("hearings:proposals"), reverse("hearings:proposals_csv"),
                reverse("hearings:feed"), reverse("hearings:ics"), reverse("hearings:documents")):
        body = client.get(url).content.decode("utf-8-sig")
        assert "Жашыруун" not in body, url
    # Deputies read drafts.
    assert "Жашыруун сунуш" in deputy_client.get(draft.get_absolute_url()).content.decode()


def test_author_names_are_never_public(client, staff_client):
    proposal = ProposalFactory(author_name="Асанова Гүлзат Токтобековна")
    for url in (proposal.hearing.get_absolute_url(), reverse("hearings:proposals"),
                reverse("hearings:proposals_csv")):
        assert "Асанова Гүлзат" not in client.get(url).content.decode("utf-8-sig"), url
    assert "Асанова Гүлзат" in staff_client.get(proposal.hearing.get_absolute_url()).content.decode()


def test_a_draft_programme_or_group_is_not_named_on_a_public_proposal(client):
    programme = ProgrammeFactory(title="Жашыруун программа", status="draft")
    group = InitiativeGroupFactory(name="Жашыруун топ", status="draft")
    proposal = ProposalFactory(source="group", group=group, programme=programme, status="accepted", response="Ооба")
    for url in (proposal.hearing.get_absolute_url(), reverse("hearings:proposals"),
                reverse("hearings:proposals_csv")):
        body = client.get(url).content.decode("utf-8-sig")
        assert "Жашыруун" not in body, url


@pytest.fixture
def varied_proposals():
    ajek = VillageFactory(name="Ажек")
    old = HearingFactory(starts_at=moment(-800))
    recent = HearingFactory(starts_at=moment(-10))
    group = InitiativeGroupFactory(name="Таза суу")
    ProposalFactory(hearing=old, text="Эски жылдагы сунуш", topic="roads")
    ProposalFactory(hearing=recent, text="Ажектеги сунуш", village=ajek, topic="roads")
    ProposalFactory(hearing=recent, text="Бала бакча жөнүндө сунуш", topic="kindergarten")
    ProposalFactory(hearing=recent, text="Топтун сунушу", source="group", group=group, topic="roads")
    ProposalFactory(hearing=recent, text="Четке кагылган сунуш", status="rejected", response="Жок", topic="roads")
    return {"old": old, "recent": recent, "ajek": ajek}


ALL = {"Эски жылдагы сунуш", "Ажектеги сунуш", "Бала бакча жөнүндө сунуш", "Топтун сунушу", "Четке кагылган сунуш"}


@pytest.mark.parametrize("filter_name,value,expected", [
    ("year", "old", {"Эски жылдагы сунуш"}),
    ("village", "ajek", {"Ажектеги сунуш"}),
    ("topic", "kindergarten", {"Бала бакча жөнүндө сунуш"}),
    ("source", "group", {"Топтун сунушу"}),
    ("status", "rejected", {"Четке кагылган сунуш"}),
])
def test_you_said_we_did_filters(client, varied_proposals, filter_name, value, expected):
    if filter_name == "year":
        value = varied_proposals["old"].starts_at.year
    elif filter_name == "village":
        value = varied_proposals["ajek"].pk
    html = client.get(reverse("hearings:proposals"), {filter_name: value}).content.decode()
    shown = {text for text in ALL if text in html}
    assert shown == expected


def test_you_said_we_did_shows_the_trail_and_links_the_csv(client, staff):
    from hearings.services import decide_proposal

    proposal = ProposalFactory(text="Суу түтүгүн тартуу")
    decide_proposal(proposal, "accepted", "Кабыл алынды, 2022-жылы", staff)
    text = text_of(client.get(reverse("hearings:proposals")))
    assert "Суу түтүгүн тартуу" in text and "Кабыл алынды, 2022-жылы" in text
    assert "Accepted" in text
    assert reverse("hearings:proposals_csv") in client.get(reverse("hearings:proposals")).content.decode()


def test_the_proposals_page_is_paginated(client):
    hearing = HearingFactory()
    ProposalFactory.create_batch(30, hearing=hearing)
    first = client.get(reverse("hearings:proposals"))
    assert first.context["page_obj"].paginator.num_pages == 2
    assert len(first.context["proposals"]) == 25
    assert len(client.get(reverse("hearings:proposals"), {"page": 2}).context["proposals"]) == 5


def test_the_csv_lists_published_proposals_with_status_and_iso_dates(client):
    proposal = ProposalFactory(text="Ачык сунуш", status="accepted", response="Ооба", author_name="Жашыруун Автор")
    response = client.get(reverse("hearings:proposals_csv"))
    assert response["Content-Type"].startswith("text/csv")
    assert not response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8"))))
    assert rows[0][0] == "Hearing date" and "Status" in rows[0]
    assert rows[1][7] == "Ачык сунуш" and rows[1][9] == "Accepted"
    assert rows[1][0] == timezone.localtime(proposal.hearing.starts_at).date().isoformat()
    assert "Жашыруун Автор" not in response.content.decode("utf-8")


@pytest.mark.parametrize("language", ["ky", "ru", "en"])
def test_the_proposals_file_writes_iso_dates_under_every_language(client, language):
    """The issue's example: proposals.csv wrote 20.08.2021 even under /en/."""
    hearing = HearingFactory(starts_at=timezone.make_aware(datetime.datetime(2021, 8, 20, 10)))
    ProposalFactory(hearing=hearing, status="accepted", response="Ооба", decided_on=datetime.date(2021, 9, 1))
    with translation.override(language):
        url = reverse("hearings:proposals_csv")
    content = client.get(url).content.decode()
    assert "2021-08-20" in content and "2021-09-01" in content
    assert "20.08.2021" not in content and "01.09.2021" not in content
    sheet = load_workbook(io.BytesIO(client.get(url.replace(".csv", ".xlsx")).content)).worksheets[0]
    assert sheet.cell(row=2, column=1).value.date() == datetime.date(2021, 8, 20)


def many_proposals(count=60):
    group = InitiativeGroupFactory()
    programme = ProgrammeFactory()
    hearing = HearingFactory()
    village = VillageFactory(name="Ажек")
    for index in range(count):
        proposal = ProposalFactory(hearing=hearing, village=village, source="group", group=group,
                                   programme=programme, status="accepted", response="Ооба")
        proposal.status_changes.create(to_status="received", changed_on=hearing.starts_at.date())
    return hearing


def test_the_hearing_page_query_count_stays_flat(client, django_assert_max_num_queries):
    hearing = many_proposals()
    with django_assert_max_num_queries(12):
        response = client.get(hearing.get_absolute_url())
    assert response.content.decode().count('class="proposal"') == 60


def test_the_proposals_page_query_count_stays_flat(client, django_assert_max_num_queries):
    many_proposals()
    with django_assert_max_num_queries(12):
        response = client.get(reverse("hearings:proposals"))
    assert response.content.decode().count('class="proposal"') == 25


def test_the_staff_pages_query_counts_stay_flat(staff_client, django_assert_max_num_queries):
    hearing = many_proposals()
    for url in (reverse("hearings:staff_hearing", args=[hearing.pk]), reverse("hearings:staff_list"),
                reverse("hearings:staff_waiting")):
        with django_assert_max_num_queries(15):
            assert staff_client.get(url).status_code == 200


def test_the_home_page_shows_the_hearings_section(client):
    hearing = HearingFactory(participants_total=83, participants_women=31, participants_men=52)
    ProposalFactory(hearing=hearing, status="accepted", response="Ооба")
    ProposalFactory(hearing=HearingFactory(status="draft"))
    HearingFactory(topic="Кийинки угуу", state="announced", starts_at=moment(9))
    from hearings.selectors import public_section

    section = public_section()
    figures = dict(section["figures"])
    assert figures["participants at the hearings held"] == "83"
    assert figures["proposal or question received"] == "1" and figures["proposal accepted"] == "1"
    assert "Кийинки угуу" in section["text"]
    assert "Кийинки угуу" in client.get("/en/").content.decode()
