"""What citizens see of planning: drafts never reach them (pages, PDFs, CSV, search, home card),
the pages cost the same number of queries whatever the data, a project shows the need it serves."""
import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from planning.contributions import PlanningContributions, home_sentence, plan_sections
from planning.models import PlannedAction
from tests.factories import VillageFactory
from tests.planning.factories import (ActionFactory, NeedFactory, PlanFactory, ResourceFactory, StudyFactory,
                                      ranked_study)
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db
SECRET = "DRAFTSECRET"


@pytest.fixture
def drafts():
    """A published study and plan beside a draft study (its need) and a draft plan (its action)."""
    public_plan = PlanFactory()
    public = ActionFactory(plan=public_plan, what_ky="Ачык иш", what_ru="Открытое действие")
    draft_study = StudyFactory(title_ky=f"{SECRET} изилдөө", status="draft", published_at=None)
    draft_need = NeedFactory(study=draft_study, title_ky=f"{SECRET} көйгөй")
    ActionFactory(plan=PlanFactory(study=draft_study), need=draft_need)
    draft_plan = PlanFactory(study=public_plan.study, title_ky=f"{SECRET} план", status="draft", published_at=None)
    hidden = ActionFactory(plan=draft_plan, what_ky=f"{SECRET} иш", need=public.need)
    return {"public": public, "draft_study": draft_study, "draft_need": draft_need, "draft_plan": draft_plan,
            "hidden": hidden}


def test_drafts_never_reach_a_citizen_through_pages_pdfs_or_csv(client, drafts):
    for url in (reverse("planning:index"), reverse("planning:plan", args=[drafts["public"].plan_id]),
                reverse("planning:action", args=[drafts["public"].pk]),
                reverse("planning:study", args=[drafts["public"].plan.study_id]),
                reverse("planning:needs_csv"), reverse("planning:actions_csv")):
        response = client.get(url)
        assert response.status_code == 200, url
        assert SECRET not in response.content.decode(), url
    for url in (reverse("planning:plan", args=[drafts["draft_plan"].pk]),
                reverse("planning:action", args=[drafts["hidden"].pk]),
                reverse("planning:study", args=[drafts["draft_study"].pk]),
                reverse("planning:plan_pdf", args=[drafts["draft_plan"].pk]),
                reverse("planning:report_pdf", args=[drafts["draft_plan"].pk]),
                reverse("planning:study_pdf", args=[drafts["draft_study"].pk])):
        assert client.get(url).status_code == 404, url
    assert "Ачык иш" in client.get("/ky/planning/actions.csv").content.decode()


def test_deputies_see_drafts_marked_as_such(deputy_client, drafts):
    response = deputy_client.get(reverse("planning:plan", args=[drafts["draft_plan"].pk]))
    assert response.status_code == 200 and "Draft" in response.content.decode()


def test_search_and_the_home_card_know_only_published_plans_and_studies(drafts, staff):
    contributions = PlanningContributions()
    for kind in contributions.search_kinds():
        for obj in kind.queryset():
            assert SECRET not in f"{kind.title(obj)} {kind.text(obj)}", kind.key
    kinds = {kind.key: kind for kind in contributions.search_kinds()}
    assert list(kinds["actions"].queryset()) == [drafts["public"]]
    (card,) = contributions.home_cards(None)
    assert card.text == "0 of 1 priority problem solved, 0 under way"
    for dataset in contributions.datasets():
        assert SECRET not in str(list(dataset.rows())), dataset.key


def test_the_home_sentence_agrees_in_number():
    assert home_sentence(1, 1, 0) == "1 of 1 priority problem solved, 0 under way"
    assert home_sentence(2, 7, 3) == "2 of 7 priority problems solved, 3 under way"


def test_a_council_pack_carries_the_plan_and_its_report_and_drafts_only_when_asked(drafts, deputy):
    plans = [drafts["public"].plan, drafts["draft_plan"]]
    sections = plan_sections(plans, AnonymousUser())
    assert [section.kind for section in sections] == ["action_plan", "action_plan_report"]
    context = sections[1].context()
    assert [action.pk for action in context["actions"]] == [drafts["public"].pk]
    with_drafts = plan_sections(plans, deputy)
    assert len(with_drafts) == 4 and with_drafts[2].is_draft
    assert [action.pk for action in with_drafts[3].context()["actions"]] == [drafts["hidden"].pk]


def test_overdue_actions_reach_staff_on_the_work_list_and_nobody_else(staff, deputy):
    ActionFactory(deadline=datetime.date(2020, 1, 1), plan__starts_on=datetime.date(2019, 1, 1))
    ActionFactory(deadline=datetime.date(2020, 1, 1), plan__starts_on=datetime.date(2019, 1, 1),
                  status="done", done_on=datetime.date(2020, 1, 1))
    (item,) = PlanningContributions().work_items(staff)
    assert item.count == 1 and item.title == "1 action of the joint plans is overdue"
    assert PlanningContributions().work_items(deputy) == []


def test_a_projects_page_shows_the_action_and_the_need_it_serves(client):
    project = ProjectFactory()
    plan = PlanFactory()
    action = ActionFactory(plan=plan, what_ky="Суу түтүгүн тартуу",
                           need=NeedFactory(study=plan.study, title_ky="Таза суу жок"))
    action.projects.add(project)
    hidden = ActionFactory(plan__status="draft", what_ky=f"{SECRET} иш")
    hidden.projects.add(project)
    page = client.get(f"/ky/projects/{project.pk}/").content.decode()
    assert "Таза суу жок" in page and "Суу түтүгүн тартуу" in page and action.get_absolute_url() in page
    assert SECRET not in page


def test_the_pages_cost_the_same_queries_with_ten_times_the_rows(client):
    def build(size):
        study, needs, groups = ranked_study({f"көйгөй {index}": [index, size - index, 1] for index in range(size)},
                                            participants=[size * 2] * 3)
        plan = PlanFactory(study=study)
        actions = [ActionFactory(plan=plan, need=need) for need in needs.values()]
        for action in actions:
            action.projects.add(ProjectFactory())
        return study, plan, actions

    def queries(url):
        client.get(url)  # the municipality's row is cached after the first page
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    small_study, small_plan, small_actions = build(3)
    small = [queries(reverse("planning:index")), queries(reverse("planning:plan", args=[small_plan.pk])),
             queries(reverse("planning:study", args=[small_study.pk]))]
    big_study, big_plan, _actions = build(30)
    big = [queries(reverse("planning:index")), queries(reverse("planning:plan", args=[big_plan.pk])),
           queries(reverse("planning:study", args=[big_study.pk]))]
    assert big == small


def test_a_plans_page_lists_every_action_with_its_problem_and_status_in_the_same_few_queries(client):
    """The page shows the table, not what only the PDFs print (resources, projects): a cold render
    costs the same few queries with 3 or 30 actions, each with a resource and a project."""
    village = VillageFactory(name="Төрт-Көл")
    plan = PlanFactory()
    NeedFactory(study=plan.study, title_ky="Мектепте жылуулук жок", title_ru="В школе нет тепла")

    def add_actions(first, last):
        for index in range(first, last):
            action = ActionFactory(plan=plan, what_ky=f"Суу түтүгү ү{index}", what_ru=f"Водопровод {index}",
                                   need=NeedFactory(study=plan.study, village=village, title_ky=f"Суу жок ө{index}",
                                                    title_ru=f"Нет воды {index}"),
                                   responsible_name="Жаштар тобу", deadline=datetime.date(2025, 6, 30))
            ResourceFactory(action=action)
            action.projects.add(ProjectFactory())

    def cold(url):
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        return len(captured), response.content.decode()

    url = reverse("planning:plan", args=[plan.pk]).replace("/en/", "/ky/")
    add_actions(0, 3)
    small, _page = cold(url)
    add_actions(3, 30)
    big, page = cold(url)
    assert big == small <= 8, small
    assert page.count("Төрт-Көл") == 30 and "Суу жок ө29" in page and "Суу түтүгү ү29" in page
    assert "Айыл өкмөтү: Жаштар тобу" in page and page.count("кечикти") == 30
    assert "План иш-аракет караштырбаган көйгөйлөр" in page and "Мектепте жылуулук жок" in page
    ru = client.get(url.replace("/ky/", "/ru/")).content.decode()
    assert "Водопровод 29" in ru and "Төрт-Көл" in ru and "В школе нет тепла" in ru
