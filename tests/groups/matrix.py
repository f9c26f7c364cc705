"""The groups' entries of the permission matrix (tests/test_permission_matrix.py)."""
from tests.test_permission_matrix import COUNCIL, DRAFT, PUBLIC, STAFF_ONLY, Entry


def published_group(o):
    return {"pk": o.published("groups.InitiativeGroup").pk}


def any_group(o):
    return {"pk": o.any("groups.InitiativeGroup").pk}


MATRIX = {
    "groups:list": Entry(PUBLIC),
    "groups:figures": Entry(PUBLIC),
    "groups:csv": Entry(PUBLIC),
    "groups:xlsx": Entry(PUBLIC),
    "groups:detail": Entry(PUBLIC, published_group),
    # A draft group's card: citizens must not learn that it exists.
    "groups:card_pdf": Entry(DRAFT, lambda o: {"pk": o.draft("groups.InitiativeGroup").pk}),
    "groups:register_pdf": Entry(COUNCIL),
    "groups:staff_list": Entry(STAFF_ONLY, query="?q=суу&state=active"),
    "groups:staff_create": Entry(STAFF_ONLY),
    "groups:staff_people": Entry(STAFF_ONLY),
    "groups:staff_detail": Entry(STAFF_ONLY, any_group),
    "groups:staff_edit": Entry(STAFF_ONLY, any_group),
    "groups:staff_add_member": Entry(STAFF_ONLY, any_group),
    "groups:staff_add_activity": Entry(STAFF_ONLY, any_group),
    "groups:staff_person_edit": Entry(STAFF_ONLY, lambda o: {"pk": o.any("groups.Person").pk}),
    "groups:staff_end_membership": Entry(STAFF_ONLY, lambda o: {"pk": o.any("groups.Membership", left_on=None).pk}),
    "groups:staff_activity_edit": Entry(STAFF_ONLY, lambda o: {"pk": o.any("groups.GroupActivity").pk}),
}
