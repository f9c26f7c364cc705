"""Planning's staff forms under hostile input (the harness of tests/reliability/test_hostile_input.py):
never a 500, a refused form saves nothing, an accepted one saves no invalid row."""
import datetime

import pytest

from planning.models import (ActionPlan, ActionStatusChange, Need, NeedRanking, NeedsStudy, PlannedAction,
                             PlannedResource, StudyGroup)
from tests.planning.factories import ActionFactory, GroupFactory, NeedFactory, PlanFactory, RankingFactory
# Imported under a name pytest does not collect: the harness, run here on planning's pages.
from tests.reliability.test_hostile_input import test_staff_forms_survive_hostile_input as survive_hostile_input

pytestmark = pytest.mark.django_db
MODELS = [NeedsStudy, StudyGroup, Need, NeedRanking, ActionPlan, PlannedAction, PlannedResource, ActionStatusChange]


@pytest.fixture
def world(db):
    plan = PlanFactory(starts_on=datetime.date(2022, 1, 1), ends_on=datetime.date(2026, 12, 31))
    group = GroupFactory(study=plan.study, participants=40)
    need = NeedFactory(study=plan.study)
    RankingFactory(need=need, group=group, votes=30)
    return {"plan": plan, "study": plan.study, "action": ActionFactory(plan=plan, need=need)}


PAGES = [
    ("planning:staff_study_create", lambda w: []),
    ("planning:staff_study_edit", lambda w: [w["study"].pk]),
    ("planning:staff_study_groups", lambda w: [w["study"].pk]),
    ("planning:staff_needs", lambda w: [w["study"].pk]),
    ("planning:staff_plan_create", lambda w: []),
    ("planning:staff_plan_edit", lambda w: [w["plan"].pk]),
    ("planning:staff_actions_add", lambda w: [w["plan"].pk]),
    ("planning:staff_action_edit", lambda w: [w["action"].pk]),
    ("planning:staff_action_progress", lambda w: [w["action"].pk]),
]


@pytest.mark.parametrize("name,args", PAGES, ids=[page[0] for page in PAGES])
def test_planning_forms_survive_hostile_input(world, name, args):
    survive_hostile_input(world, name, args, MODELS)
