"""The hearings' entries of the permission matrix (tests/test_permission_matrix.py)."""
from tests.test_permission_matrix import DRAFT, PUBLIC, STAFF_ONLY, Entry


def hearing(o):
    return {"pk": o.published("hearings.Hearing", state="held").pk}


def any_hearing(o):
    return {"pk": o.any("hearings.Hearing").pk}


MATRIX = {
    "hearings:list": Entry(PUBLIC),
    "hearings:detail": Entry(PUBLIC, hearing),
    "hearings:minutes_pdf": Entry(DRAFT, lambda o: {"pk": o.draft("hearings.Hearing").pk}),
    "hearings:announcement_pdf": Entry(PUBLIC, hearing),
    "hearings:proposals": Entry(PUBLIC, query="?source=group&year=2021"),
    "hearings:proposals_csv": Entry(PUBLIC),
    "hearings:proposals_xlsx": Entry(PUBLIC),
    "hearings:programmes": Entry(PUBLIC),
    "hearings:programme": Entry(PUBLIC, lambda o: {"pk": o.published("hearings.DevelopmentProgramme").pk}),
    "hearings:documents": Entry(PUBLIC),
    "hearings:feed": Entry(PUBLIC),
    "hearings:ics": Entry(PUBLIC),
    "hearings:staff_list": Entry(STAFF_ONLY),
    "hearings:staff_create": Entry(STAFF_ONLY),
    "hearings:staff_hearing": Entry(STAFF_ONLY, any_hearing),
    "hearings:staff_edit": Entry(STAFF_ONLY, any_hearing),
    "hearings:staff_attendance": Entry(STAFF_ONLY, any_hearing),
    "hearings:staff_document": Entry(STAFF_ONLY, any_hearing),
    "hearings:staff_proposals_add": Entry(STAFF_ONLY, any_hearing),
    "hearings:staff_waiting": Entry(STAFF_ONLY),
    "hearings:staff_decide": Entry(STAFF_ONLY, lambda o: {"pk": o.any("hearings.Proposal").pk}),
    "hearings:staff_programmes": Entry(STAFF_ONLY),
    "hearings:staff_programme_create": Entry(STAFF_ONLY),
    "hearings:staff_programme_edit": Entry(STAFF_ONLY, lambda o: {"pk": o.any("hearings.DevelopmentProgramme").pk}),
}
