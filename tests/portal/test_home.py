"""The home page: live published figures at a glance, cheap to build, cached until content changes."""
import pytest
from django.urls import reverse
from django.utils import translation

from tests.portal import council_helpers as make

pytestmark = pytest.mark.django_db


def test_the_home_page_shows_live_figures_within_fifteen_queries(demo_data, client, django_assert_max_num_queries):
    # 17 in the second round of #18; an app's card and panels now share their rows
    # (Contributions.home). That it stays flat as data grow: tests/portal/test_cold_queries.py.
    with translation.override("en"), django_assert_max_num_queries(15):
        response = client.get(reverse("portal:home"))
    from django.db.models import Sum

    from hearings.models import Hearing

    assert response.status_code == 200
    page = response.content.decode()
    held = Hearing.objects.published().filter(state=Hearing.State.HELD)
    participants = held.aggregate(total=Sum("participants_total"))["total"]
    assert participants >= 218  # at least the two hearings of the seed (83 + 135)
    assert f">{participants}<" in page
    assert "Latest answers to proposals" in page
    assert "/en/search/" in page


def test_a_cached_home_page_changes_as_soon_as_content_is_published(client, municipality):
    url = reverse("portal:home")
    with translation.override("en"):
        assert "Ачык угуу үчүн жаңы тема" not in client.get(url).content.decode()
        hearing = make.hearing(topic="Ачык угуу үчүн жаңы тема", status="draft")
        make.proposal(hearing, "Жаңы сунуш", status="accepted", response="Кабыл алынды")
        assert "Жаңы сунуш" not in client.get(url).content.decode()
        hearing.publish()
        assert "Жаңы сунуш" in client.get(url).content.decode()


def test_a_second_visit_costs_almost_no_queries(client, municipality, django_assert_max_num_queries):
    url = reverse("portal:home")
    client.get(url)
    with django_assert_max_num_queries(2):
        assert client.get(url).status_code == 200


def test_deputies_find_the_council_packs_from_the_home_page(deputy_client, client):
    link = reverse("portal:council_sessions")
    assert link in deputy_client.get(reverse("portal:home")).content.decode()
    assert link not in client.get(reverse("portal:home")).content.decode()
