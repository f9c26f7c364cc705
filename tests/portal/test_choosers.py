"""Choosing among thousands: the staff forms offer a search, not a select of everything, so their
HTML and queries stay the same size however much data there is; the search works without
JavaScript (a search step through the whole form) and hostile ids are refused, not a 500."""
import datetime
import re

import pytest

from groups.models import Membership, Person
from hearings.models import Proposal
from core.choosers import CHOOSER_LIMIT
from projects.models import Project
from tests.budget.factories import BudgetLineFactory, BudgetYearFactory
from tests.groups.factories import GroupFactory, PersonFactory
from tests.hearings.factories import HearingFactory, ProposalFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def html(response):
    return response.content.decode()


def add_member_url(group):
    return f"/en/groups/staff/{group.pk}/members/add/"


@pytest.fixture
def group(municipality):
    return GroupFactory()


def test_no_js_search_step_finds_the_person_and_keeps_what_was_typed(staff_client, group):
    PersonFactory.create_batch(30)
    wanted = PersonFactory(full_name="Бакыт Осмонов", birth_year=1979)
    response = staff_client.post(add_member_url(group), {
        "_search": "existing_person", "existing_person__q": "осмон", "role": "leader", "joined_on": "2022-01-10",
        "phone": "0700 111222"})
    page = html(response)
    assert response.status_code == 200
    assert f'value="{wanted.pk}"' in page and "Бакыт Осмонов (1979" in page
    assert "Адам Тестов" not in page  # only the match is offered
    assert 'value="0700 111222"' in page and 'value="осмон"' in page  # nothing typed is lost
    assert "invalid" not in page and "is-invalid" not in page  # a search step shows no errors
    assert not Membership.objects.exists()

    response = staff_client.post(add_member_url(group), {
        "existing_person": wanted.pk, "existing_person__q": "осмон", "role": "leader", "joined_on": "2022-01-10"})
    assert response.status_code == 302
    assert Membership.objects.get().person == wanted


def test_search_step_says_when_nothing_is_found(staff_client, group):
    PersonFactory.create_batch(3)
    response = staff_client.post(add_member_url(group), {"_search": "existing_person",
                                                         "existing_person__q": "Жок-Адам"})
    assert "Nothing found for “Жок-Адам”." in html(response)


def test_a_long_list_is_cut_with_a_hint_to_type_more(staff_client, group):
    PersonFactory.create_batch(CHOOSER_LIMIT + 5)
    page = html(staff_client.get(add_member_url(group)))
    assert page.count('name="existing_person" value="') == CHOOSER_LIMIT + 1  # + "a new person"
    assert f"Only the first {CHOOSER_LIMIT} are shown" in page


@pytest.mark.parametrize("hostile", ["99999999999999999999999", "-1", "abc", "1 OR 1=1"])
def test_hostile_person_id_is_an_invalid_choice_not_a_500(staff_client, group, hostile):
    response = staff_client.post(add_member_url(group), {"existing_person": hostile, "role": "member",
                                                         "joined_on": "2022-01-10"})
    assert response.status_code == 200
    assert "Select a valid choice" in html(response)
    assert not Membership.objects.exists() and not Person.objects.exists()


def test_ticked_proposals_stay_ticked_across_a_search_step(staff_client, municipality):
    first = ProposalFactory(text="Суу түтүгүн алмаштыруу", status=Proposal.Status.ACCEPTED)
    second = ProposalFactory(text="Мектептин чатыры", status=Proposal.Status.ACCEPTED)
    ProposalFactory.create_batch(25, status=Proposal.Status.ACCEPTED)
    response = staff_client.post("/en/projects/staff/new/", {
        "project-title": "Суу", "project-proposals": [first.pk], "project-proposals__q": "чатыр",
        "_search": "project-proposals", "contributions-TOTAL_FORMS": "0", "contributions-INITIAL_FORMS": "0"})
    page = html(response)
    assert response.status_code == 200
    assert f'name="project-proposals" value="{first.pk}" checked' in page
    assert f'value="{second.pk}"' in page
    assert page.count('name="project-proposals" value="') == 2  # the ticked one and the match
    assert not Project.objects.exists()


def test_decision_offers_the_hearings_year_lines_first_and_finds_others_by_code(staff_client, municipality):
    proposal = ProposalFactory()
    year = proposal.hearing.starts_at.year
    this_year = BudgetYearFactory(year=year)
    later = BudgetYearFactory(year=year + 1)
    BudgetLineFactory.create_batch(CHOOSER_LIMIT + 3, budget_year=later)
    own = BudgetLineFactory(budget_year=this_year, name="Ичүүчү суу")
    url = f"/en/hearings/staff/proposals/{proposal.pk}/decide/"
    page = html(staff_client.get(url))
    offered = re.findall(r'name="budget_line" value="(\d+)"', page)
    assert offered[0] == str(own.pk) and len(offered) == CHOOSER_LIMIT
    response = staff_client.post(url, {"_search": "budget_line", "budget_line__q": "суу"})
    assert f'name="budget_line" value="{own.pk}"' in html(response)


def test_decision_finds_a_line_of_a_later_year_and_a_done_project(staff_client, municipality):
    """The hearing's years order the lines, the open projects come first: neither excludes."""
    from tests.budget.factories import code

    proposal = ProposalFactory()
    year = proposal.hearing.starts_at.year
    BudgetLineFactory.create_batch(CHOOSER_LIMIT + 3, budget_year=BudgetYearFactory(year=year))
    later = BudgetLineFactory(budget_year=BudgetYearFactory(year=year + 5), classification=code("7091"),
                              name="Бала бакча")
    ProjectFactory.create_batch(CHOOSER_LIMIT + 3, state=Project.State.UNDER_WAY)
    done = ProjectFactory(state=Project.State.DONE, title="Бала бакчага эмерек")
    url = f"/en/hearings/staff/proposals/{proposal.pk}/decide/"
    page = html(staff_client.get(url))
    assert f'name="budget_line" value="{later.pk}"' not in page and f'name="project" value="{done.pk}"' not in page
    response = staff_client.post(url, {"_search": "budget_line", "budget_line__q": "7091"})
    assert re.findall(r'name="budget_line" value="(\d+)"', html(response)) == [str(later.pk)]
    response = staff_client.post(url, {"_search": "project", "project__q": "эмерек"})
    assert re.findall(r'name="project" value="(\d+)"', html(response)) == [str(done.pk)]


def grow(people, proposals, lines, projects):
    PersonFactory.create_batch(people)
    ProposalFactory.create_batch(proposals, status=Proposal.Status.ACCEPTED)
    year = BudgetYearFactory(year=datetime.date.today().year)
    BudgetLineFactory.create_batch(lines, budget_year=year)
    ProjectFactory.create_batch(projects, state=Project.State.PLANNED)
    for _ in range(projects // 5):
        GroupFactory()


@pytest.mark.parametrize("size", [1, 4])
def test_staff_choosing_pages_do_not_grow_with_the_data(staff_client, municipality, size,
                                                        django_assert_max_num_queries):
    grow(people=30 * size, proposals=30 * size, lines=30 * size, projects=25 * size)
    group = GroupFactory()
    decide = ProposalFactory(hearing=HearingFactory())
    project = Project.objects.first()
    staff_client.get("/en/")
    pages = {
        add_member_url(group): (12, 30_000),
        f"/en/groups/staff/{group.pk}/activities/new/": (12, 30_000),
        "/en/projects/staff/new/": (14, 60_000),
        f"/en/projects/staff/{project.pk}/edit/": (16, 60_000),
        f"/en/hearings/staff/proposals/{decide.pk}/decide/": (14, 40_000),
    }
    for url, (queries, size_limit) in pages.items():
        with django_assert_max_num_queries(queries):
            response = staff_client.get(url)
        assert response.status_code == 200, url
        assert len(response.content) < size_limit, (url, len(response.content))
