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
