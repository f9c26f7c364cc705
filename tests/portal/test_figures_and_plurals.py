"""What a resident reads in the figures: the right Russian plural for every count, thousands
grouped, each total naming what it counts and agreeing with the lists it sums up."""
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.hearings.factories import HearingFactory, ProposalFactory
from tests.projects.factories import ContributionFactory, ProjectFactory

pytestmark = pytest.mark.django_db

NBSP = "\xa0"


def figure(page, label):
    """The number of the figure card whose label is `label`, or None."""
    match = re.search(r'<div class="figure-value">([^<]*)</div><div class="figure-label">'
                      + re.escape(label) + "</div>", page)
    return match.group(1) if match else None


@pytest.mark.parametrize("count, hearings, participants", [
    (1, "слушание проведено", "участник проведённых слушаний"),
    (2, "слушания проведено", "участника проведённых слушаний"),
    (5, "слушаний проведено", "участников проведённых слушаний"),
    (21, "слушание проведено", "участник проведённых слушаний"),
    (11, "слушаний проведено", "участников проведённых слушаний"),
])
def test_home_figures_read_right_in_russian_for_every_count(client, municipality, count, hearings, participants):
    HearingFactory.create_batch(count, participants_total=1)
    page = client.get("/ru/").content.decode()
    assert figure(page, hearings) == str(count)
    assert figure(page, participants) == str(count)


@pytest.mark.parametrize("count, label", [(1, "участник"), (2, "участника"), (5, "участников"),
                                          (21, "участник"), (11, "участников")])
def test_a_hearings_participants_read_right_in_russian(client, municipality, count, label):
    hearing = HearingFactory(participants_total=count)
    page = client.get(f"/ru/hearings/{hearing.pk}/").content.decode()
    assert figure(page, label) == str(count)


def test_numbers_over_9999_are_grouped_with_a_no_break_space(client, municipality):
    HearingFactory(participants_total=12345)
    page = client.get("/ru/").content.decode()
    assert figure(page, "участников проведённых слушаний") == f"12{NBSP}345"


def test_home_project_figures_count_only_projects_done_and_each_person_once(client, municipality):
    water = ProjectFactory(state="done", women=109, men=155, children=85, households=143)
    bus = ProjectFactory(state="done", pupils=85)
    school = ProjectFactory(state="done", children=210, pupils=210)   # the same children, twice
    ContributionFactory(project=water, amount=Decimal("100000"))
    ContributionFactory(project=bus, amount=Decimal("250000"))
    ContributionFactory(project=school, amount=Decimal("50000"))
    under_way = ProjectFactory(state="under_way", women=1000, men=1000)
    ContributionFactory(project=under_way, amount=Decimal("9000000"))

    page = client.get("/en/").content.decode()
    assert figure(page, "projects done") == "3"
    assert figure(page, "invested in cash in the projects done") == f"400{NBSP}000 som"
    # 109 + 155 + 85 (water) + 85 pupils (bus) + 210 children (school, pupils not again)
    assert figure(page, "people reached by the projects done") == "644"

    done_list = client.get("/en/projects/?state=done").content.decode()
    assert "3 projects" in done_list


def test_home_figures_agree_with_the_lists_they_sum_up(client, demo_data):
    from hearings.models import Hearing

    page = client.get("/en/").content.decode()
    held = Hearing.objects.published().filter(state=Hearing.State.HELD)
    hearing_pages = [client.get(f"/en/hearings/{hearing.pk}/").content.decode() for hearing in held]
    participants = sum(int(figure(one, "participants").replace(NBSP, "")) for one in hearing_pages
                       if figure(one, "participants"))
    assert int(figure(page, "participants at the hearings held").replace(NBSP, "")) == participants
    assert int(figure(page, "hearings held")) == len(hearing_pages)

    done = int(figure(page, "projects done") or figure(page, "project done"))
    done_list = client.get("/en/projects/?state=done").content.decode()
    assert re.search(rf"\b{done} projects?\b", done_list)


def test_each_status_shows_its_own_date(client, municipality):
    from hearings.models import ProposalStatusChange

    proposal = ProposalFactory(status="done", response="Суу түтүгү тартылды.",
                               decided_on=timezone.datetime(2022, 5, 20).date())
    for status, day in (("accepted", (2022, 5, 20)), ("done", (2022, 9, 1))):
        ProposalStatusChange.objects.create(proposal=proposal, to_status=status,
                                            changed_on=timezone.datetime(*day).date())
    page = client.get(f"/en/hearings/{proposal.hearing_id}/").content.decode()
    assert re.search(r'status-done">Done</span> <span class="proposal-meta">01\.09\.2022', page)


def test_counts_in_sentences_are_grouped_and_agree_in_russian(client, municipality):
    HearingFactory(participants_total=12345)
    HearingFactory(participants_total=22)
    page = client.get("/ru/hearings/").content.decode()
    assert f"12{NBSP}345 участников" in page
    assert "22 участника" in page
