"""Planning's staff forms under hostile input (the harness of tests/reliability/test_hostile_input.py):
never a 500, a refused form saves nothing, an accepted one saves no invalid row."""
import datetime

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from planning.models import (ActionPlan, ActionStatusChange, Need, NeedRanking, NeedsStudy, PlannedAction,
                             PlannedResource, StudyGroup)
from tests.factories import staff_user
from tests.planning.factories import ActionFactory, GroupFactory, NeedFactory, PlanFactory, RankingFactory
from tests.reliability.forms import main_form
from tests.reliability.test_hostile_input import SETTINGS, hostile_post, invalid_rows, snapshot

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
    client = Client()
    client.force_login(staff_user(username="hostile-tester"), backend="django.contrib.auth.backends.ModelBackend")
    url = reverse(name, args=args(world))
    already_invalid = invalid_rows(MODELS)
    read = {}

    def current_form():
        if "form" not in read:
            page = client.get(url)
            assert page.status_code == 200
            read["form"] = main_form(page.content.decode())
        return read["form"]

    @settings(SETTINGS, max_examples=15)
    @given(st.data())
    def post_hostile(hypothesis_data):
        form = current_form()
        before = snapshot(MODELS)
        response = client.post(url, hostile_post(hypothesis_data.draw, form))
        assert response.status_code < 500
        if response.status_code == 200:
            assert snapshot(MODELS) == before, "a refused form saved something"
        elif response.status_code == 302:
            read.clear()
            assert invalid_rows(MODELS) <= already_invalid, "an accepted form saved an invalid row"

    post_hostile()
