"""Staff record a study with its problems and votes, adopt a plan, enter actions and mark
progress; bad input gets a clear message and nothing is saved half-way."""
import datetime
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from planning.models import ActionPlan, ActionStatusChange, Need, NeedRanking, NeedsStudy, PlannedAction
from planning.services import change_action_status
from tests.planning.factories import ActionFactory, GroupFactory, NeedFactory, PlanFactory, StudyFactory

pytestmark = pytest.mark.django_db
S = PlannedAction.Status


def management(prefix, total, initial=0):
    return {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": str(initial),
            f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"}


def test_staff_create_a_study_in_kyrgyz_and_russian_side_by_side(staff_client):
    page = staff_client.get(reverse("planning:staff_study_create")).content.decode()
    assert 'name="title_ky"' in page and 'name="title_ru"' in page and 'name="title_en"' in page

    response = staff_client.post(reverse("planning:staff_study_create"), {
        "title_ky": "Жамааттын муктаждыктарын изилдөө", "title_ru": "", "started_on": "2021-09-01",
        "finished_on": "2021-10-01", "method_choices": ["gathering", "walk"], "participants_total": "75",
        "participants_women": "40", "participants_men": "35"})

    assert response.status_code == 302
    study = NeedsStudy.objects.get()
    assert study.title_ky == "Жамааттын муктаждыктарын изилдөө" and study.status == "draft"
    assert study.method_list == ["gathering", "walk"]


def test_a_study_needs_its_kyrgyz_title_and_consistent_attendance(staff_client):
    response = staff_client.post(reverse("planning:staff_study_create"), {
        "title_ky": "", "title_ru": "Только по-русски", "started_on": "2021-09-01", "finished_on": "2021-08-01",
        "participants_total": "75", "participants_women": "40", "participants_men": "30"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "title_ky" in errors and "finished_on" in errors and "participants_men" in errors
    assert not NeedsStudy.objects.exists()


def needs_table(study, rows):
    data = management("form", len(rows))
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"form-{index}-{key}"] = value
    return data


def test_staff_enter_problems_and_votes_in_one_table(staff_client):
    study = StudyFactory()
    women = GroupFactory(study=study, name_ky="Аялдар", participants=40)
    men = GroupFactory(study=study, name_ky="Эркектер", participants=35)
    url = reverse("planning:staff_needs", args=[study.pk])

    response = staff_client.post(url, needs_table(study, [
        {"title_ky": "Таза суу жок", "topic": "water", "households_affected": "143",
         f"votes_{women.pk}": "34", f"votes_{men.pk}": "30"},
        {"title_ky": "Сел", "topic": "environment", f"votes_{women.pk}": "12", f"votes_{men.pk}": "27"},
        {"topic": "other"},  # an untouched row, as the browser sends it: skipped
    ]))

    assert response.status_code == 302, _debug(response)
    assert Need.objects.filter(study=study).count() == 2
    assert NeedRanking.objects.get(need__title_ky="Сел", group=men).votes == 27


def test_votes_above_a_groups_participants_or_negative_households_save_nothing(staff_client):
    study = StudyFactory()
    women = GroupFactory(study=study, name_ky="Аялдар", participants=40)
    url = reverse("planning:staff_needs", args=[study.pk])

    response = staff_client.post(url, needs_table(study, [
        {"title_ky": "Таза суу жок", "topic": "water", f"votes_{women.pk}": "30"},
        {"title_ky": "Бала бакча", "topic": "kindergarten", f"votes_{women.pk}": "41"},
        {"title_ky": "Жол", "topic": "roads", "households_affected": "-3"},
    ]))

    assert response.status_code == 200
    page = response.content.decode()
    assert "41 votes, but only 40 people of this group took part" in page
    assert "The number of households cannot be negative." in page
    assert not Need.objects.exists() and not NeedRanking.objects.exists()


def actions_table(rows):
    data = management("form", len(rows))
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"form-{index}-{key}"] = value
    return data


def test_staff_enter_a_plans_actions_and_each_starts_its_trail(staff_client, staff):
    plan = PlanFactory(starts_on=datetime.date(2022, 1, 1), ends_on=datetime.date(2026, 12, 31))
    need = NeedFactory(study=plan.study)
    response = staff_client.post(reverse("planning:staff_actions_add", args=[plan.pk]), actions_table([
        {"need": need.pk, "what_ky": "Суу түтүгүн тартуу", "responsible_kind": "ao", "deadline": "2023-12-31"},
        {"need": need.pk, "what_ky": "Суу ташуучу унаа", "responsible_kind": "group", "deadline": "2022-12-31"},
    ]))
    assert response.status_code == 302
    assert plan.actions.count() == 2
    assert ActionStatusChange.objects.filter(action__plan=plan, to_status=S.PLANNED, changed_by=staff).count() == 2


def test_an_action_for_another_studys_need_or_before_the_period_saves_nothing(staff_client):
    plan = PlanFactory(starts_on=datetime.date(2022, 1, 1), ends_on=datetime.date(2026, 12, 31))
    own = NeedFactory(study=plan.study)
    other = NeedFactory()  # of another study

    response = staff_client.post(reverse("planning:staff_actions_add", args=[plan.pk]), actions_table([
        {"need": own.pk, "what_ky": "Туура", "responsible_kind": "ao", "deadline": "2023-12-31"},
        {"need": own.pk, "what_ky": "Эрте", "responsible_kind": "ao", "deadline": "2021-12-31"},
    ]))
    assert response.status_code == 200
    assert "The deadline comes before the plan's period (from 01.01.2022)." in unescape(response.content.decode())
    assert not PlannedAction.objects.exists()

    # The table offers only the plan's own study's problems; the model refuses another's anyway.
    action = PlannedAction(plan=plan, need=other, what_ky="Башка", deadline=datetime.date(2023, 1, 1))
    with pytest.raises(ValidationError) as error:
        action.full_clean()
    assert "another study" in str(error.value)


def test_staff_mark_progress_with_a_dated_trail(staff_client, staff):
    action = ActionFactory(deadline=datetime.date(2024, 6, 30))
    url = reverse("planning:staff_action_progress", args=[action.pk])

    response = staff_client.post(url, {"status": "done", "on": "2024-06-01", "version": action.version,
                                       "reason_ky": "", "result_ky": "143 үй таза суу алды"})
    assert response.status_code == 200
    assert "Say when the action was done." in response.content.decode()
    action.refresh_from_db()
    assert action.status == S.PLANNED and not action.status_changes.exists()

    response = staff_client.post(url, {"status": "done", "on": "2024-06-01", "done_on": "2024-05-30",
                                       "version": action.version, "result_ky": "143 үй таза суу алды"})
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.status, action.done_on, action.result_ky) == (S.DONE, datetime.date(2024, 5, 30),
                                                                "143 үй таза суу алды")
    step = action.status_changes.get()
    assert (step.from_status, step.to_status, step.changed_on, step.changed_by) == (
        S.PLANNED, S.DONE, datetime.date(2024, 6, 1), staff)


def test_postponing_or_dropping_needs_a_reason_and_a_stale_page_is_refused(staff):
    action = ActionFactory()
    with pytest.raises(ValidationError) as error:
        change_action_status(action, S.DROPPED, staff, reason={"ky": " "})
    assert "reason" in error.value.message_dict
    with pytest.raises(ValidationError):
        change_action_status(action, S.UNDER_WAY, staff, on=timezone.localdate() + datetime.timedelta(days=1))
    saved = change_action_status(action, S.POSTPONED, staff, reason={"ky": "Каражат жок", "ru": "Нет средств"})
    assert saved.reason_ru == "Нет средств" and saved.status_changes.get().reason_ky == "Каражат жок"
    from planning.services import StaleChange

    with pytest.raises(StaleChange):
        change_action_status(action, S.UNDER_WAY, staff, expected_version=0)
    saved = change_action_status(saved, S.UNDER_WAY, staff, expected_version=saved.version)
    assert saved.reason_ky == "" and saved.status_changes.count() == 2


def test_staff_publish_a_plan_through_the_portals_publish_mechanism(staff_client, anonymous_client):
    plan = PlanFactory(status="draft", published_at=None)
    assert anonymous_client.get(reverse("planning:plan", args=[plan.pk])).status_code == 404
    staff_client.post(reverse("portal:publish", kwargs={"model": "planning.ActionPlan", "pk": plan.pk}),
                      {"action": "publish"})
    plan.refresh_from_db()
    assert plan.is_published
    assert anonymous_client.get(reverse("planning:plan", args=[plan.pk])).status_code == 200


def test_editing_an_action_saves_its_resources_one_row_a_source(staff_client):
    action = ActionFactory(deadline=datetime.date(2024, 6, 30))
    url = reverse("planning:staff_action_edit", args=[action.pk])
    data = {"need": action.need_id, "what_ky": action.what_ky, "responsible_kind": "ao", "deadline": "2024-06-30",
            "version": action.version, **management("resources", 2)}
    data.update({"resources-0-source": "local_budget", "resources-0-amount": "250000",
                 "resources-1-source": "local_budget", "resources-1-amount": "1"})
    response = staff_client.post(url, data)
    assert response.status_code == 200 and not action.resources.exists()

    data["resources-1-source"] = "community_cash"
    assert staff_client.post(url, data).status_code == 302
    assert sorted(action.resources.values_list("source", flat=True)) == ["community_cash", "local_budget"]


def _debug(response):
    formset = response.context["formset"]
    return [form.errors for form in formset.forms], formset.non_form_errors()


def test_a_groups_participants_cannot_drop_below_the_votes_it_already_gave(staff_client):
    from tests.planning.factories import RankingFactory

    group = GroupFactory(participants=40)
    RankingFactory(group=group, need=NeedFactory(study=group.study), votes=34)
    data = {**management("groups", 1, initial=1), "groups-0-id": group.pk, "groups-0-study": group.study_id,
            "groups-0-name_ky": group.name_ky, "groups-0-participants": "30", "groups-0-order": "0"}
    response = staff_client.post(reverse("planning:staff_study_groups", args=[group.study_id]), data)
    assert response.status_code == 200
    group.refresh_from_db()
    assert group.participants == 40
    data["groups-0-participants"] = "34"
    assert staff_client.post(reverse("planning:staff_study_groups", args=[group.study_id]), data).status_code == 302


def test_an_action_offers_the_expenditure_lines_of_the_plans_years_its_needs_topic_first(staff_client):
    from tests.budget.factories import BudgetLineFactory, BudgetYearFactory

    year = BudgetYearFactory(year=2024)
    roads = BudgetLineFactory(budget_year=year, kind="expenditure", category="transport", name="Жол")
    water = BudgetLineFactory(budget_year=year, kind="expenditure", category="water", name="Суу түтүгү")
    revenue = BudgetLineFactory(budget_year=year, kind="revenue", name="Жер салыгы")
    old = BudgetLineFactory(budget_year=BudgetYearFactory(year=2001), kind="expenditure", category="water",
                            name="Эски суу")
    plan = PlanFactory(starts_on=datetime.date(2022, 1, 1), ends_on=datetime.date(2026, 12, 31))
    action = ActionFactory(plan=plan, need=NeedFactory(study=plan.study, topic="water"))
    offered = list(staff_client.get(reverse("planning:staff_action_edit", args=[action.pk]))
                   .context["form"].fields["budget_lines"].queryset)
    # The topic orders, it does not exclude: the road line is offered too, after the water line.
    assert offered == [water, roads] and revenue not in offered and old not in offered
