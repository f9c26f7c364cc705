"""The audit trail: staff see who changed what and when, and who published it."""
import re

import pytest
from django.urls import reverse
from django.utils import translation

from hearings.models import Hearing
from planning.models import PlannedAction
from portal import audit
from tests.factories import UserFactory, staff_user
from tests.hearings.factories import HearingFactory, ProposalFactory, moment
from tests.planning.factories import ActionFactory
from tests.reliability.forms import main_form

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def history_url(obj, label="hearings.Hearing"):
    return reverse("portal:object_history", kwargs={"model": label, "pk": obj.pk})


def edit_topic(client, hearing, topic):
    url = reverse("hearings:staff_edit", args=[hearing.pk])
    data = main_form(client.get(url).content.decode())["fields"]
    data["topic_ky"] = topic
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]


def test_staff_see_who_edited_a_hearing_with_the_old_and_the_new_value(client):
    editor = staff_user(username="aigul", first_name="Айгүл", last_name="Осмонова")
    client.force_login(editor, backend="django.contrib.auth.backends.ModelBackend")
    hearing = HearingFactory(topic="Эски тема", state="announced", starts_at=moment(5))
    edit_topic(client, hearing, "Жаңы тема")

    page = client.get(history_url(hearing)).content.decode()
    assert "Айгүл Осмонова" in page
    assert "changed" in page
    assert "Topic" in page or "topic" in page
    assert "Эски тема → Жаңы тема" in page
    assert "created" in page  # the factory's first row


def test_publishing_shows_published_and_by_whom(client):
    publisher = staff_user(username="bakyt", first_name="Бакыт", last_name="Сыдыков")
    client.force_login(publisher, backend="django.contrib.auth.backends.ModelBackend")
    hearing = HearingFactory(status="draft", published_at=None)
    response = client.post(reverse("portal:publish", kwargs={"model": "hearings.Hearing", "pk": hearing.pk}),
                           {"action": "publish"})
    assert response.status_code == 302
    client.post(reverse("portal:publish", kwargs={"model": "hearings.Hearing", "pk": hearing.pk}),
                {"action": "unpublish"})

    page = client.get(history_url(hearing)).content.decode()
    rows = page.split("<tbody>")[1].split("</tr>")
    # Newest first: unpublished, then published, both by Бакыт.
    assert "unpublished" in rows[0] and "Бакыт Сыдыков" in rows[0]
    assert ">published" in rows[1].replace(" ", "") or "published" in rows[1]
    assert "Бакыт Сыдыков" in rows[1]
    assert "Draft → Published" in rows[1]


def test_recent_changes_list_the_edit_and_link_the_history(client):
    editor = staff_user(username="aigul")
    client.force_login(editor, backend="django.contrib.auth.backends.ModelBackend")
    hearing = HearingFactory(topic="Суу боюнча угуу", state="announced", starts_at=moment(5))
    edit_topic(client, hearing, "Суу боюнча угуу (жаңы)")
    with translation.override("ky"):  # the edit was to the Kyrgyz text; the list reads the reader's
        page = client.get(reverse("portal:recent_changes")).content.decode()
        assert "Суу боюнча угуу (жаңы)" in page
        assert history_url(hearing) in page


def test_the_history_link_is_on_the_staff_hearing_page(staff_client):
    hearing = HearingFactory()
    page = staff_client.get(reverse("hearings:staff_hearing", args=[hearing.pk])).content.decode()
    assert history_url(hearing) in page


@pytest.mark.parametrize("role,expected", [("anonymous", 302), ("no_role", 403), ("deputy", 403), ("staff", 200)])
def test_only_staff_read_the_history(role_clients, role, expected):
    hearing = HearingFactory()
    response = role_clients[role].get(history_url(hearing))
    assert response.status_code == expected
    if role == "anonymous":
        assert reverse("login") in response["Location"]
    recent = role_clients[role].get(reverse("portal:recent_changes"))
    assert recent.status_code == expected


def test_models_without_history_and_unknown_objects_are_404(staff_client):
    user = UserFactory()
    assert staff_client.get(history_url(user, "auth.User")).status_code == 404
    assert staff_client.get(history_url(user, "no.Such")).status_code == 404
    assert staff_client.get(reverse("portal:object_history",
                                    kwargs={"model": "hearings.Hearing", "pk": 999999})).status_code == 404


def test_the_history_page_query_count_stays_flat(staff_client, django_assert_max_num_queries):
    hearing = HearingFactory()
    for number in range(40):
        hearing.topic = f"Тема {number}"
        hearing.save()
    assert Hearing.history.filter(id=hearing.pk).count() == 41
    with django_assert_max_num_queries(15):
        response = staff_client.get(history_url(hearing))
    assert "Тема 38 → Тема 39" in response.content.decode()
    assert "Page 1 of 2" in response.content.decode()
    second = staff_client.get(history_url(hearing) + "?page=2").content.decode()
    assert "created" in second


def test_an_object_without_history_shows_an_empty_history_not_a_404(staff_client):
    # As bulk-written rows (an import, the benchmark's data) are: the object exists, no history yet.
    hearing = HearingFactory(topic="Көпүрө үчүн угуу")
    Hearing.history.filter(id=hearing.pk).delete()
    response = staff_client.get(history_url(hearing))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Көпүрө үчүн угуу" in page
    assert "No changes yet." in page
    url = history_url(hearing)
    Hearing.objects.filter(pk=hearing.pk).delete()
    Hearing.history.filter(id=hearing.pk).delete()
    assert staff_client.get(url).status_code == 404


def recent_rows(page):
    """The text of each row of the recent-changes table, whitespace folded."""
    body = page.split("<tbody>")[1].split("</tbody>")[0]
    return [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in body.split("</tr>") if "<td" in row]


def test_recent_changes_list_every_app_in_two_queries_however_many_kinds_and_rows(
        client, django_assert_max_num_queries):
    """Every model that keeps a history is listed (the joint plans too, which the page never named):
    one query over all the history tables and one for who made the changes."""
    editor = staff_user(username="aigul", first_name="Айгүл", last_name="Осмонова")
    client.force_login(editor, backend="django.contrib.auth.backends.ModelBackend")
    url = reverse("portal:recent_changes")
    for first, last in ((0, 3), (3, 60)):
        for number in range(first, last):
            ActionFactory(what_ky=f"Иш-аракет {number}")
            ProposalFactory(text=f"Сунуш {number}")
        hearing = HearingFactory(topic="Суу боюнча угуу", state="announced", starts_at=moment(5))
        edit_topic(client, hearing, f"Суу боюнча угуу {last}")
        # 4 for the session, the user and their permissions; the history; the people.
        with django_assert_max_num_queries(6):
            page = client.get(url).content.decode()
        rows = recent_rows(page)
        assert rows[0].endswith("Айгүл Осмонова changed Public hearing: Суу боюнча угуу")
        every_row = sum(model.history.count() for model in audit.recent_models())
        assert len(rows) == min(audit.RECENT_LIMIT, every_row) and (every_row < 100) == (last == 3)
    assert any(row.endswith("system created Planned action: Иш-аракет 59") for row in rows)
    # A proposal is named by its text, not by its topic's code ("water").
    assert any(row.endswith("system created Proposal: Сунуш 59") for row in rows)
    assert history_url(PlannedAction.objects.get(what_ky="Иш-аракет 59"), "planning.PlannedAction") in page
