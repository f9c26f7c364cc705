"""Planning's entries of the permission matrix (tests/test_permission_matrix.py)."""
from tests.test_permission_matrix import DRAFT, PUBLIC, STAFF_ONLY, Entry


def study(o):
    return {"pk": o.published("planning.NeedsStudy").pk}


def plan(o):
    return {"pk": o.published("planning.ActionPlan").pk}


def action(o):
    return {"pk": o.any("planning.PlannedAction", plan__status="published").pk}


def any_action(o):
    return {"pk": o.any("planning.PlannedAction").pk}


MATRIX = {
    "planning:index": Entry(PUBLIC, query="?village=1"),
    "planning:studies": Entry(PUBLIC),
    "planning:plans": Entry(PUBLIC),
    "planning:study": Entry(PUBLIC, study),
    "planning:study_pdf": Entry(PUBLIC, study),
    "planning:plan": Entry(PUBLIC, plan),
    "planning:plan_pdf": Entry(PUBLIC, plan),
    "planning:report_pdf": Entry(DRAFT, lambda o: {"pk": o.draft("planning.ActionPlan").pk}),
    "planning:action": Entry(PUBLIC, action),
    "planning:needs_csv": Entry(PUBLIC),
    "planning:actions_csv": Entry(PUBLIC),
    "planning:staff_index": Entry(STAFF_ONLY),
    "planning:staff_study_create": Entry(STAFF_ONLY),
    "planning:staff_study_edit": Entry(STAFF_ONLY, lambda o: {"pk": o.any("planning.NeedsStudy").pk}),
    "planning:staff_study_groups": Entry(STAFF_ONLY, lambda o: {"pk": o.any("planning.NeedsStudy").pk}),
    "planning:staff_needs": Entry(STAFF_ONLY, lambda o: {"pk": o.any("planning.NeedsStudy").pk}),
    "planning:staff_plan_create": Entry(STAFF_ONLY),
    "planning:staff_plan_edit": Entry(STAFF_ONLY, lambda o: {"pk": o.any("planning.ActionPlan").pk}),
    "planning:staff_actions_add": Entry(STAFF_ONLY, lambda o: {"pk": o.any("planning.ActionPlan").pk}),
    "planning:staff_action_edit": Entry(STAFF_ONLY, any_action),
    "planning:staff_action_progress": Entry(STAFF_ONLY, any_action),
}
