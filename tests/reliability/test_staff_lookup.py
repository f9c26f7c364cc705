"""Issue #15 item 8: visitors cannot tell which staff objects exist. For every staff URL with an
id, an existing and a non-existing id give the same answer to anybody without the role."""
import re

import pytest
from django.urls import reverse

from tests.test_permission_matrix import full_matrix, named_patterns

MISSING = 987654


def _path(response):
    return (response.get("Location") or "").split("?", 1)[0]


@pytest.mark.django_db
def test_staff_urls_answer_the_same_for_existing_and_missing_ids(role_clients, demo_data):
    from tests.matrix_objects import demo_objects

    objects = demo_objects()
    checked, failures = 0, []
    for name, entry in sorted(full_matrix().items()):
        if name not in named_patterns():
            continue
        guarded = {role for role, status in entry.expect.items() if status in (302, 403)}
        kwargs = entry.kwargs(objects)
        ids = {key for key, value in kwargs.items() if isinstance(value, int) and key != "year"}
        if not guarded or not ids or entry.expect.get("staff") == 404:
            continue
        missing = {**kwargs, **dict.fromkeys(ids, MISSING)}
        existing_url, missing_url = reverse(name, kwargs=kwargs), reverse(name, kwargs=missing)
        for role in sorted(guarded & {"anonymous", "no_role", "deputy"}):
            for method in ("get", "post"):
                client = role_clients[role]
                one = getattr(client, method)(existing_url)
                other = getattr(client, method)(missing_url)
                checked += 1
                if (one.status_code, _path(one)) != (other.status_code, _path(other)):
                    failures.append(f"{name} {method.upper()} as {role}: {one.status_code} {_path(one)} for an "
                                    f"existing id, {other.status_code} {_path(other)} for a missing one")
    assert checked > 20
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
def test_the_issues_example(client, municipality):
    from tests.hearings.factories import HearingFactory

    hearing = HearingFactory(status="draft")
    existing = client.get(f"/en/hearings/staff/{hearing.pk}/documents/")
    missing = client.get(f"/en/hearings/staff/{MISSING}/documents/")
    assert existing.status_code == missing.status_code == 302
    assert re.match(r"^/en/accounts/login/", missing["Location"])
