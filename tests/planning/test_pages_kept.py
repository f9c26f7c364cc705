"""The planning pages are kept until content changes (core.changes, ANY_CONTENT): a visitor after
a change that leaves no history costs one small query; a change of an action is seen at once."""
import pytest
from django.urls import reverse

from core.cache import bump_content_version
from tests.planning.factories import ActionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def action():
    return ActionFactory(what_ky="Көпүрөнү оңдоо", what_ru="Ремонт моста")


def pages(action):
    return [reverse("planning:index"), reverse("planning:study", args=[action.plan.study_id]),
            reverse("planning:plan", args=[action.plan_id]), reverse("planning:action", args=[action.pk])]


def test_the_pages_survive_a_change_of_the_cache_in_one_query(client, action, django_assert_max_num_queries):
    for url in pages(action):
        first = client.get(url)
        assert first.status_code == 200
        bump_content_version()  # as after a change elsewhere: the whole-page cache no longer applies
        with django_assert_max_num_queries(1):
            again = client.get(url)
        assert again.content == first.content, url


def test_a_change_of_an_action_is_seen_at_once(client, action):
    urls = [reverse("planning:plan", args=[action.plan_id]), reverse("planning:action", args=[action.pk])]
    for url in urls:
        assert "Ремонт моста" in client.get(url.replace("/en/", "/ru/")).content.decode()
    action.what_ru = "Новый мост через Чу"
    action.save()
    for url in urls:
        page = client.get(url.replace("/en/", "/ru/")).content.decode()
        assert "Новый мост через Чу" in page and "Ремонт моста" not in page, url


def test_the_index_lists_the_latest_plans_and_the_full_list_every_plan_in_a_fixed_number_of_queries(
        client, django_assert_max_num_queries):
    from tests.planning.factories import PlanFactory

    plans = [PlanFactory(title_ky=f"План {number}", title_ru=f"План {number} ру") for number in range(7)]
    client.get("/ky/")
    with django_assert_max_num_queries(10):  # as at N=10: no query per plan or study
        page = client.get("/ru/planning/").content.decode()
    # The five newest (same dates: the latest entered first), and the way to the others.
    assert all(f"План {number} ру<" in page for number in range(2, 7))
    assert "План 0 ру<" not in page and "План 1 ру<" not in page
    assert "Все планы совместных действий" in page and reverse("planning:plans").replace("/en/", "/ru/") in page
    with django_assert_max_num_queries(10):
        everything = client.get("/ru/planning/plans/").content.decode()
    assert all(f"План {number} ру<" in everything for number in range(7))
    studies = client.get("/ru/planning/studies/").content.decode()
    assert all(plan.study.title_ru in studies for plan in plans)
