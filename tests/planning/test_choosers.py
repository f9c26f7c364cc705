"""Planning's staff forms search for what they link (budget lines, projects, proposals, the study,
the gathering, the resolution) instead of listing everything: the pages weigh the same and cost
the same queries with three times the data; the search works without JavaScript; a hostile id is
"not a valid choice", never a 500."""
import datetime
import re

import pytest
from django.urls import reverse

from core.choosers import CHOOSER_LIMIT
from core.models import CouncilResolution
from hearings.models import Proposal
from projects.models import Project
from tests.budget.factories import BudgetLineFactory, BudgetYearFactory
from tests.hearings.factories import HearingFactory, ProposalFactory
from tests.planning.factories import ActionFactory, PlanFactory, StudyFactory
from tests.planning.test_staff import management
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db

_resolutions = iter(range(1, 10_000))


def resolutions(count):
    for _ in range(count):
        number = next(_resolutions)
        CouncilResolution.objects.create(number=str(number), date=datetime.date(2020, 1, 1) + datetime.timedelta(number),
                                         title=f"Токтом {number}")


def grow(size):
    """`size` of each thing an action or a plan may link."""
    year = BudgetYearFactory(year=2024) if size == CHOOSER_LIMIT + 5 else None
    ProposalFactory.create_batch(size, status=Proposal.Status.ACCEPTED)
    ProjectFactory.create_batch(size, state=Project.State.UNDER_WAY)
    BudgetLineFactory.create_batch(size, budget_year=year or BudgetYearFactory(year=2025), category="water")
    StudyFactory.create_batch(size)
    HearingFactory.create_batch(size)
    resolutions(size)


def offered(page, name):
    return re.findall(rf'name="{name}" value="(\d+)"', page)


@pytest.mark.parametrize("kind", ["action", "plan"])
def test_the_action_and_plan_forms_weigh_the_same_with_three_times_the_data(staff_client, kind,
                                                                            django_assert_max_num_queries):
    action = ActionFactory()
    url = (reverse("planning:staff_action_edit", args=[action.pk]) if kind == "action"
           else reverse("planning:staff_plan_edit", args=[action.plan_id]))
    grow(CHOOSER_LIMIT + 5)
    staff_client.get(url)
    with django_assert_max_num_queries(16):
        small = staff_client.get(url)
    grow(2 * (CHOOSER_LIMIT + 5))
    with django_assert_max_num_queries(16):
        large = staff_client.get(url)
    assert small.status_code == large.status_code == 200
    # Labels carry sequence numbers that gain a digit; the options do not multiply.
    assert abs(len(large.content) - len(small.content)) < 1500, (len(small.content), len(large.content))
    page = large.content.decode()
    names = ("budget_lines", "projects", "proposals") if kind == "action" else ("study", "gathering", "resolution")
    for name in names:
        assert 0 < len(offered(page, name)) <= CHOOSER_LIMIT + 1, name  # + the one chosen
    assert len(large.content) < 60_000


def action_data(action, **extra):
    return {"need": action.need_id, "what_ky": action.what_ky, "responsible_kind": "ao",
            "deadline": "2025-06-30", "version": action.version, **management("resources", 0), **extra}


def test_no_js_search_finds_a_proposal_ticks_it_and_the_action_page_shows_it(staff_client, anonymous_client):
    action = ActionFactory()
    ProposalFactory.create_batch(CHOOSER_LIMIT + 3, status=Proposal.Status.ACCEPTED)
    wanted = ProposalFactory(text="Көпүрөнү оңдоо керек", status=Proposal.Status.RECEIVED)
    url = reverse("planning:staff_action_edit", args=[action.pk])
    assert str(wanted.pk) not in offered(staff_client.get(url).content.decode(), "proposals")

    response = staff_client.post(url, action_data(action, what_ky="Көпүрө салынат", _search="proposals",
                                                  proposals__q="көпүрө"))
    page = response.content.decode()
    assert response.status_code == 200
    assert offered(page, "proposals") == [str(wanted.pk)]
    assert "Көпүрө салынат" in page and 'value="көпүрө"' in page  # nothing typed is lost
    assert "Nothing was saved" not in page and "is-invalid" not in page
    action.refresh_from_db()
    assert action.what_ky != "Көпүрө салынат" and not action.proposals.exists()

    response = staff_client.post(url, action_data(action, what_ky="Көпүрө салынат", proposals=[wanted.pk]))
    assert response.status_code == 302
    assert list(action.proposals.all()) == [wanted]
    public = anonymous_client.get(reverse("planning:action", args=[action.pk])).content.decode()
    assert "Көпүрөнү оңдоо керек" in public

    # Saved links stay ticked on the next visit, before any search.
    page = staff_client.get(url).content.decode()
    assert f'name="proposals" value="{wanted.pk}" checked' in page


def test_open_projects_of_the_actions_village_come_first_and_a_done_one_is_offered_last(staff_client):
    from tests.factories import VillageFactory

    village = VillageFactory(name="Кара-Суу")
    action = ActionFactory(village=village)
    ProjectFactory.create_batch(3, state=Project.State.UNDER_WAY)
    done = ProjectFactory(state=Project.State.DONE, title="Бүткөн долбоор")
    near = ProjectFactory(state=Project.State.PLANNED, title="Кара-Суудагы суу")
    near.villages.set([village])
    page = staff_client.get(reverse("planning:staff_action_edit", args=[action.pk])).content.decode()
    projects = offered(page, "projects")
    assert projects[0] == str(near.pk) and projects[-1] == str(done.pk) and len(projects) == 5


@pytest.mark.parametrize("name", ["proposals", "projects", "budget_lines"])
@pytest.mark.parametrize("hostile", ["99999999999999999999999", "-1", "abc", "1 OR 1=1"])
def test_a_hostile_link_id_is_not_a_valid_choice(staff_client, name, hostile):
    action = ActionFactory()
    response = staff_client.post(reverse("planning:staff_action_edit", args=[action.pk]),
                                 action_data(action, **{name: [hostile]}))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Select a valid choice" in page or f"“{hostile}” is not a valid value" in page
    assert not getattr(action, name).exists()


def test_the_plans_gathering_is_found_by_its_topic_and_saved(staff_client):
    plan = PlanFactory()
    HearingFactory.create_batch(CHOOSER_LIMIT + 3)
    wanted = HearingFactory(topic="Жалпы чогулуш: аракеттер планы", starts_at=HearingFactory().starts_at.replace(year=2019))
    url = reverse("planning:staff_plan_edit", args=[plan.pk])
    assert str(wanted.pk) not in offered(staff_client.get(url).content.decode(), "gathering")
    data = {"title_ky": plan.title_ky, "study": plan.study_id, "starts_on": "2022-01-01", "ends_on": "2030-12-31",
            "version": plan.version}
    response = staff_client.post(url, {**data, "_search": "gathering", "gathering__q": "чогулуш"})
    assert offered(response.content.decode(), "gathering") == [str(wanted.pk)]
    plan.refresh_from_db()
    assert plan.gathering is None
    response = staff_client.post(url, {**data, "gathering": wanted.pk})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.gathering == wanted


def test_a_programmes_resolution_is_searched_by_number(staff_client):
    resolutions(CHOOSER_LIMIT + 3)
    CouncilResolution.objects.create(number="77-4", date=datetime.date(2015, 5, 5), title="Программа")
    url = reverse("hearings:staff_programme_create")
    page = staff_client.get(url).content.decode()
    assert len(offered(page, "resolution")) == CHOOSER_LIMIT
    response = staff_client.post(url, {"_search": "resolution", "resolution__q": "77-4"})
    assert "Resolution No. 77-4 of 05.05.2015" in response.content.decode()


def test_a_hearing_offers_the_budget_years_around_its_own(staff_client):
    years = {year: BudgetYearFactory(year=year) for year in range(2010, 2031)}
    hearing = HearingFactory(starts_at=HearingFactory().starts_at.replace(year=2020))
    page = staff_client.get(reverse("hearings:staff_edit", args=[hearing.pk])).content.decode()
    select = re.search(r'<select name="budget_year".*?</select>', page, re.S).group(0)
    assert re.findall(r'<option value="(\d+)"', select) and {
        int(pk) for pk in re.findall(r'<option value="(\d+)"', select)} == {years[year].pk for year in range(2019, 2023)}
