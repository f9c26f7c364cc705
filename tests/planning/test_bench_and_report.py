"""The benchmark's planning rows, the annual report's part and the open-data files' shape."""
import datetime

import pytest

from planning.contributions import PlanningContributions
from planning.models import ActionPlan, Need, NeedsStudy, PlannedAction
from tests.budget.factories import BudgetLineFactory
from tests.planning.factories import ActionFactory, PlanFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def test_bench_rows_at_a_tenth_of_scale_one_and_their_removal():
    import random

    from core.bench import Bench

    seeding = Bench(random.Random(2026), 0.1, 0, [])
    PlanningContributions().seed_bench(0.1, type("Command", (), {"bench": seeding})())
    assert seeding.created == {"needs studies": 1, "needs": 30, "action plans": 1, "planned actions": 50}
    assert PlanningContributions().has_bench()
    action = PlannedAction.objects.select_related("plan").first()
    assert action.plan.starts_on <= action.deadline <= action.plan.ends_on
    assert action.need.study_id == action.plan.study_id
    PlanningContributions().delete_bench()
    assert not (NeedsStudy.objects.exists() or Need.objects.exists() or ActionPlan.objects.exists()
                or PlannedAction.objects.exists())


def test_the_annual_report_counts_the_years_actions_done_and_late():
    plan = PlanFactory(starts_on=datetime.date(2024, 1, 1))
    ActionFactory(plan=plan, deadline=datetime.date(2024, 5, 1), status="done", done_on=datetime.date(2024, 4, 1))
    ActionFactory(plan=plan, deadline=datetime.date(2024, 9, 1))
    ActionFactory(plan=plan, deadline=datetime.date(2025, 9, 1), status="done", done_on=datetime.date(2024, 12, 1))
    ActionFactory(plan=PlanFactory(status="draft", published_at=None), deadline=datetime.date(2024, 9, 1))
    (part,) = PlanningContributions().report_parts(2024)
    values = {label: value for label, value, _kind in part.rows}
    assert values["Planned actions due this year"] == 2
    assert values["Actions done this year"] == 2
    assert values["Actions overdue at the end of the year"] == 1


def test_every_open_data_row_has_a_value_for_every_column():
    ActionFactory()
    for dataset in PlanningContributions().datasets():
        rows = list(dataset.rows())
        assert rows, dataset.key
        assert {len(row) for row in rows} == {len(dataset.columns)}, dataset.key


def test_the_annual_report_page_shows_planning_with_the_actions_done(client):
    action = ActionFactory(plan__starts_on=datetime.date(2024, 1, 1), deadline=datetime.date(2024, 5, 1),
                           status="done", done_on=datetime.date(2024, 4, 1), what_en="Water pipe laid")
    page = client.get("/en/report/2024/").content.decode()
    assert "Planning with the community" in page
    assert "Water pipe laid" in page and action.get_absolute_url() in page


def test_the_open_data_files_cost_the_same_queries_whatever_the_number_of_studies(django_assert_max_num_queries):
    from tests.planning.factories import ranked_study

    ranked_study({"a": [1, 2], "b": [3, 4]})
    datasets = {dataset.key: dataset for dataset in PlanningContributions().datasets()}
    with django_assert_max_num_queries(4):
        assert len(list(datasets["needs"].rows())) == 2
    for index in range(4):
        ranked_study({f"c{index}": [1, 2], f"d{index}": [3, 4]})
    with django_assert_max_num_queries(4):
        assert len(list(datasets["needs"].rows())) == 10
    ActionFactory()
    with django_assert_max_num_queries(4):  # actions, their resources, budget lines and projects
        assert len(list(datasets["actions"].rows())) == 1
    for action in ActionFactory.create_batch(4):
        action.projects.add(ProjectFactory())
        action.budget_lines.add(BudgetLineFactory())
    with django_assert_max_num_queries(4):
        assert len(list(datasets["actions"].rows())) == 5
