"""The budget's entries of the permission matrix (tests/test_permission_matrix.py)."""
from tests.test_permission_matrix import DRAFT, PUBLIC, STAFF_ONLY, STAFF_POST_ONLY, Entry


def published_year(o):
    return {"year": o.published("budget.BudgetYear").year}


def draft_year(o):
    return {"year": o.draft("budget.BudgetYear").year}


def any_year(o):
    return {"year": o.any("budget.BudgetYear").year}


MATRIX = {
    "budget:index": Entry(PUBLIC),
    "budget:compare": Entry(PUBLIC),
    "budget:year": Entry(PUBLIC, published_year),
    "budget:lines": Entry(DRAFT, draft_year),
    "budget:proposals": Entry(DRAFT, draft_year),
    "budget:all_csv": Entry(PUBLIC),
    "budget:csv": Entry(DRAFT, draft_year),
    "budget:xlsx": Entry(PUBLIC, published_year),
    "budget:council_pdf": Entry(DRAFT, draft_year),
    "budget:brochure_pdf": Entry(PUBLIC, published_year),
    "budget:staff_list": Entry(STAFF_ONLY),
    "budget:staff_create": Entry(STAFF_ONLY),
    "budget:staff_year": Entry(STAFF_ONLY, any_year),
    "budget:staff_lines": Entry(STAFF_ONLY, any_year),
    "budget:staff_execution": Entry(STAFF_ONLY, any_year),
    "budget:staff_import": Entry(STAFF_ONLY, any_year),
    "budget:staff_import_confirm": Entry(STAFF_POST_ONLY, any_year),
    "budget:staff_classification": Entry(STAFF_ONLY),
    "budget:staff_classification_create": Entry(STAFF_ONLY),
    "budget:staff_classification_edit": Entry(STAFF_ONLY,
                                              lambda o: {"pk": o.any("budget.BudgetClassification").pk}),
}
