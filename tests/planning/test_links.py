"""What carries an action out, from the staff form to the citizen: a budget line of any category
and any project can be linked (the need's topic and the open projects come first, they exclude
nothing), and a citizen sees the lines of published budget years that pay for the action on its
page and in actions.csv; a cash source without an amount is not called "in kind"."""
import csv
import datetime
import io
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.choosers import CHOOSER_LIMIT
from core.topics import BUDGET_CATEGORY_TOPICS, Topic, budget_categories_of
from budget.models import EXPENDITURE_CATEGORIES
from projects.models import FundingContribution, Project
from tests.budget.factories import BudgetLineFactory, BudgetYearFactory, code
from tests.planning.factories import ActionFactory, NeedFactory, PlanFactory, ResourceFactory
from tests.planning.test_staff import management
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db
Source = FundingContribution.Source


def offered(page, name):
    return re.findall(rf'name="{name}" value="(\d+)"', page)


def kindergarten_action():
    plan = PlanFactory(starts_on=datetime.date(2022, 1, 1), ends_on=datetime.date(2026, 12, 31))
    return ActionFactory(plan=plan, need=NeedFactory(study=plan.study, topic=Topic.KINDERGARTEN))


def kindergarten_line(year=2024, **extra):
    return BudgetLineFactory(budget_year=BudgetYearFactory(year=year), classification=code("7091"),
                             name="Бала бакчаны кармоо", planned=Decimal("1200000"), **extra)


def action_data(action, **extra):
    return {"need": action.need_id, "what_ky": action.what_ky, "responsible_kind": "ao",
            "deadline": "2025-06-30", "version": action.version, **management("resources", 0), **extra}


def test_every_topic_has_a_budget_category_and_a_category_may_serve_several():
    assert set(BUDGET_CATEGORY_TOPICS) == {str(category) for category in EXPENDITURE_CATEGORIES}
    assert all(budget_categories_of(topic) for topic in Topic)
    assert "education" in budget_categories_of(Topic.KINDERGARTEN) and "education" in budget_categories_of(Topic.SCHOOL)
    assert "culture" in budget_categories_of(Topic.SPORT)


@pytest.mark.parametrize("query", ["7091", "Бала бакча"])
def test_a_kindergarten_need_finds_its_budget_line_by_code_or_name_and_saving_links_it(staff_client, query):
    action = kindergarten_action()
    wanted = kindergarten_line()
    # Lines of a later year (the latest come first) push it off the first page of the chooser.
    BudgetLineFactory.create_batch(CHOOSER_LIMIT + 3, budget_year=BudgetYearFactory(year=2025),
                                   classification=code("7092"))
    url = reverse("planning:staff_action_edit", args=[action.pk])
    assert str(wanted.pk) not in offered(staff_client.get(url).content.decode(), "budget_lines")

    response = staff_client.post(url, action_data(action, _search="budget_lines", budget_lines__q=query))
    assert response.status_code == 200
    assert offered(response.content.decode(), "budget_lines") == [str(wanted.pk)]

    response = staff_client.post(url, action_data(action, budget_lines=[wanted.pk]))
    assert response.status_code == 302
    assert list(action.budget_lines.all()) == [wanted]


def test_a_line_of_another_topic_is_found_too(staff_client):
    action = kindergarten_action()
    roads = BudgetLineFactory(budget_year=BudgetYearFactory(year=2024), classification=code("7045"),
                              name="Жолдорду оңдоо")
    url = reverse("planning:staff_action_edit", args=[action.pk])
    response = staff_client.post(url, action_data(action, _search="budget_lines", budget_lines__q="7045"))
    assert offered(response.content.decode(), "budget_lines") == [str(roads.pk)]


def test_a_done_project_is_found_by_its_title_and_linked(staff_client, client):
    action = kindergarten_action()
    ProjectFactory.create_batch(CHOOSER_LIMIT + 3, state=Project.State.UNDER_WAY)
    done = ProjectFactory(state=Project.State.DONE, title="Бала бакчага эмерек")
    url = reverse("planning:staff_action_edit", args=[action.pk])
    assert str(done.pk) not in offered(staff_client.get(url).content.decode(), "projects")

    response = staff_client.post(url, action_data(action, _search="projects", projects__q="эмерек"))
    assert offered(response.content.decode(), "projects") == [str(done.pk)]
    response = staff_client.post(url, action_data(action, projects=[done.pk]))
    assert response.status_code == 302
    assert list(action.projects.all()) == [done]
    assert "Бала бакчага эмерек" in client.get(reverse("planning:action", args=[action.pk])).content.decode()


def test_the_action_page_shows_the_lines_of_published_years_only(client):
    action = kindergarten_action()
    shown = kindergarten_line()
    draft_year = BudgetYearFactory(year=2025, status="draft", published_at=None)
    hidden = BudgetLineFactory(budget_year=draft_year, classification=code("7091"), name="DRAFTLINE")
    action.budget_lines.set([shown, hidden])
    page = client.get(f"/ky/planning/actions/{action.pk}/").content.decode()
    assert "7091 Бала бакчаны кармоо" in page
    assert f'href="/ky/budget/2024/"' in page
    assert re.search(r"1.200.000", page)  # the planned amount in som
    assert "DRAFTLINE" not in page


def test_actions_csv_names_the_lines_of_published_years(client):
    action = kindergarten_action()
    draft_year = BudgetYearFactory(year=2025, status="draft", published_at=None)
    action.budget_lines.set([kindergarten_line(),
                             BudgetLineFactory(budget_year=draft_year, classification=code("7091"), name="DRAFTLINE"),
                             BudgetLineFactory(budget_year=BudgetYearFactory(year=2023), classification=code("7092"),
                                               name="Мектеп")])
    action.projects.set([ProjectFactory(title="Бала бакчага эмерек"), ProjectFactory(title="DRAFTPROJECT",
                                                                                     status="draft")])
    text = client.get("/ky/planning/actions.csv").content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert "budget_lines" in rows[0] and "projects" in rows[0]
    row = next(row for row in rows if row["action_id"] == str(action.pk))
    assert row["budget_lines"] == "2024 · 7091 Бала бакчаны кармоо; 2023 · 7092 Мектеп"
    assert row["projects"] == "Бала бакчага эмерек"


def test_the_action_page_costs_the_same_queries_with_one_or_five_lines(client):
    def queries(count):
        action = kindergarten_action()
        year = BudgetYearFactory(year=2024)
        action.budget_lines.set(BudgetLineFactory.create_batch(count, budget_year=year, classification=code("7091")))
        url = reverse("planning:action", args=[action.pk])
        client.get(url)  # the municipality's row is cached after the first page
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        assert response.content.decode().count(f'href="{year.get_absolute_url()}"') == count
        return len(captured)

    assert queries(1) == queries(5)


def test_cash_without_an_amount_is_not_called_in_kind(client):
    action = ActionFactory()
    ResourceFactory(action=action, source=Source.LOCAL_BUDGET, amount=None)
    ResourceFactory(action=action, source=Source.IN_KIND_LABOUR, amount=None)
    page = client.get(reverse("planning:action", args=[action.pk])).content.decode()
    assert "Local budget: amount not given" in page
    assert "Community labour, in kind: in kind, no value given" in page
    kyrgyz = client.get(f"/ky/planning/actions/{action.pk}/").content.decode()
    assert "Жергиликтүү бюджет: суммасы көрсөтүлгөн эмес" in kyrgyz and "бюджет: натуралай" not in kyrgyz
