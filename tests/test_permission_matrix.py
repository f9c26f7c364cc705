"""The permission matrix: every URL pattern of the project, checked for every role.

Each named URL must have an entry in MATRIX (or in an app's `tests/<app>/matrix.py`, merged
below): how to build its arguments from the demo data, and the answer each role must get.
A URL with no entry fails the test, so no new page can ship unguarded.
"""
from dataclasses import dataclass, field

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

ROLES = ["anonymous", "no_role", "deputy", "staff", "superuser"]

# The usual answers, by role.
PUBLIC = dict.fromkeys(ROLES, 200)
STAFF_ONLY = {"anonymous": 302, "no_role": 403, "deputy": 403, "staff": 200, "superuser": 200}
COUNCIL = {"anonymous": 302, "no_role": 403, "deputy": 200, "staff": 200, "superuser": 200}
# A POST-only staff action asked for with GET: refused before anything happens.
STAFF_POST_ONLY = {"anonymous": 302, "no_role": 403, "deputy": 403, "staff": 405, "superuser": 405}
# A draft: citizens must not learn it exists.
DRAFT = {"anonymous": 404, "no_role": 404, "deputy": 200, "staff": 200, "superuser": 200}
ADMIN = {"anonymous": 302, "no_role": 302, "deputy": 302, "staff": 302, "superuser": 200}


@dataclass
class Entry:
    expect: dict
    kwargs: object = field(default_factory=lambda: (lambda objects: {}))
    query: str = ""


MATRIX = {
    "healthz": Entry(PUBLIC),
    "media": Entry({role: 404 for role in ROLES}, lambda o: {"path": "no-such-file.jpg"}),
    "portal:home": Entry(PUBLIC),
    "portal:about": Entry(PUBLIC),
    "portal:about_pdf": Entry(PUBLIC),
    "portal:staff_home": Entry(STAFF_ONLY),
    "portal:publish": Entry({"anonymous": 302, "no_role": 403, "deputy": 403, "staff": 405, "superuser": 405},
                            lambda o: {"model": "hearings.Hearing", "pk": 1}),
    "login": Entry({"anonymous": 200, "no_role": 302, "deputy": 302, "staff": 302, "superuser": 302}),
    "logout": Entry(dict.fromkeys(ROLES, 405)),
    "password_change": Entry({"anonymous": 302, "no_role": 200, "deputy": 200, "staff": 200, "superuser": 200}),
    "password_change_done": Entry({"anonymous": 302, "no_role": 200, "deputy": 200, "staff": 200,
                                   "superuser": 200}),
    "admin:index": Entry(ADMIN),
}


def full_matrix():
    # Imported here: each app's matrix imports Entry and the answers from this module.
    from tests.budget import matrix as budget
    from tests.groups import matrix as groups
    from tests.hearings import matrix as hearings
    from tests.planning import matrix as planning
    from tests.portal import matrix as portal
    from tests.projects import matrix as projects

    matrix = dict(MATRIX)
    for module in (groups, hearings, budget, projects, planning, portal):
        matrix.update(module.MATRIX)
    return matrix


def named_patterns(resolver=None, namespace=""):
    """Every named URL pattern of the project as 'namespace:name' (Django admin: its index only)."""
    resolver = resolver or get_resolver()
    names = []
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            if pattern.namespace == "admin":
                names.append("admin:index")
                continue
            names.extend(named_patterns(pattern, inner))
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.append(f"{namespace}{pattern.name}")
    return sorted(set(names))


def test_every_url_has_an_entry_in_the_matrix():
    matrix = full_matrix()
    missing = [name for name in named_patterns() if name not in matrix]
    assert not missing, f"URLs without an entry in the permission matrix: {missing}"


@pytest.mark.django_db
def test_every_role_gets_the_expected_answer(role_clients, demo_data):
    from tests.matrix_objects import demo_objects

    objects = demo_objects()
    failures = []
    for name, entry in sorted(full_matrix().items()):
        if name not in named_patterns():
            continue
        url = reverse(name, kwargs=entry.kwargs(objects)) + entry.query
        for role in ROLES:
            status = role_clients[role].get(url).status_code
            if status != entry.expect[role]:
                failures.append(f"{name} {url} as {role}: got {status}, expected {entry.expect[role]}")
    assert not failures, "\n".join(failures)
