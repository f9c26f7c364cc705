"""The plan's progress (done / under way / overdue) and money planned against contributed, by source."""
import datetime
from decimal import Decimal

import pytest

from planning.models import PlannedAction
from planning.reports import home_figures
from planning.selectors import ranked_needs
from tests.planning.factories import ActionFactory, PlanFactory, ResourceFactory, ranked_study
from tests.projects.factories import ContributionFactory, DraftProjectFactory, ProjectFactory

pytestmark = pytest.mark.django_db
S = PlannedAction.Status
TODAY = datetime.date(2025, 7, 1)


def test_progress_counts_done_under_way_and_overdue_with_the_deadline_day_not_late():
    plan = PlanFactory()
    ActionFactory(plan=plan, status=S.DONE, done_on=datetime.date(2025, 1, 1), deadline=datetime.date(2024, 1, 1))
    ActionFactory(plan=plan, status=S.UNDER_WAY, deadline=TODAY)  # due today: not late yet
    ActionFactory(plan=plan, status=S.UNDER_WAY, deadline=TODAY - datetime.timedelta(days=1))  # late by a day
    ActionFactory(plan=plan, status=S.POSTPONED, reason_ky="x", deadline=datetime.date(2024, 1, 1))  # late
    ActionFactory(plan=plan, status=S.DROPPED, reason_ky="x", deadline=datetime.date(2024, 1, 1))  # not late
    ActionFactory(plan=plan, status=S.PLANNED, deadline=TODAY + datetime.timedelta(days=1))
    ActionFactory(status=S.PLANNED, deadline=datetime.date(2023, 1, 1))  # another plan's

    progress = plan.progress(TODAY)

    assert progress["total"] == 6
    assert progress["done"] == 1
    assert progress["under_way"] == 2
    assert progress["overdue"] == 2
    assert [action.is_overdue(TODAY) for action in plan.actions.order_by("pk")] == [
        False, False, True, True, False, False]


def test_money_by_source_counts_each_linked_project_once_and_only_published_ones_for_citizens(staff):
    plan = PlanFactory()
    first, second = ActionFactory(plan=plan), ActionFactory(plan=plan)
    ResourceFactory(action=first, source="local_budget", amount=Decimal("250000"))
    ResourceFactory(action=second, source="local_budget", amount=Decimal("100000"))
    ResourceFactory(action=second, source="community_cash", amount=Decimal("50000"))
    ResourceFactory(action=second, source="in_kind_labour", amount=None)
    shared = ProjectFactory()
    ContributionFactory(project=shared, source="local_budget", amount=Decimal("200000"))
    ContributionFactory(project=shared, source="community_cash", amount=Decimal("45000"))
    ContributionFactory(project=shared, source="in_kind_labour", amount=None, in_kind_description="иш")
    draft = DraftProjectFactory()
    ContributionFactory(project=draft, source="donor", amount=Decimal("999"))
    first.projects.add(shared)
    second.projects.add(shared, draft)  # the shared project is linked twice: counted once

    for_citizens = {label: (planned, contributed) for label, planned, contributed in plan.money(None)}
    assert for_citizens == {
        "Local budget": (Decimal("350000"), Decimal("200000")),
        "Parents and community, cash": (Decimal("50000"), Decimal("45000")),
    }
    for_staff = {label: values for label, *values in plan.money(staff)}
    assert for_staff["Donor or international organisation"] == [None, Decimal("999")]


def test_ranked_needs_order_by_the_computed_rank_and_show_each_groups_place():
    study, needs, groups = ranked_study({"water": [30, 2], "school": [10, 20], "dam": [20, 1]},
                                        participants=[40, 30])
    _groups, ranked = ranked_needs(study, None)
    # Group 0 gave 60 votes, group 1 gave 23: water .5/.087, school .167/.870, dam .333/.043
    assert [need.title_ky for need in ranked] == ["school", "water", "dam"]
    assert [need.rank for need in ranked] == [1, 2, 3]
    school = ranked[0]
    assert [(votes, place) for _group, votes, place in school.group_cells] == [(10, 3), (20, 1)]


def test_home_figures_count_solved_and_under_way_problems_of_published_plans_only():
    plan = PlanFactory()
    solved = ActionFactory(plan=plan, status=S.DONE, done_on=datetime.date(2024, 1, 1)).need
    ActionFactory(plan=plan, need=solved, status=S.DROPPED, reason_ky="x")  # dropped: does not block
    half = ActionFactory(plan=plan, status=S.DONE, done_on=datetime.date(2024, 1, 1)).need
    ActionFactory(plan=plan, need=half, status=S.UNDER_WAY)
    draft_plan = PlanFactory(study=plan.study, status="draft", published_at=None)
    ActionFactory(plan=draft_plan, need=half, status=S.DONE, done_on=datetime.date(2024, 1, 1))
    hidden = ActionFactory(plan=draft_plan, status=S.DONE, done_on=datetime.date(2024, 1, 1)).need

    assert home_figures() == (1, 3, 1)  # solved, problems of published studies, under way
    hidden.study.unpublish()
    assert home_figures() == (0, 0, 0)
