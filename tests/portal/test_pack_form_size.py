"""The council pack form offers each app's objects through a search (core.choosers), so it
does not grow with years of hearings, projects and joint plans (issue #18)."""
import pytest
from django.urls import reverse
from django.utils import translation

from core.choosers import CHOOSER_LIMIT
from portal.models import CouncilPack
from tests.planning.factories import PlanFactory
from tests.portal import council_helpers as make

pytestmark = pytest.mark.django_db


def test_the_pack_form_stays_the_same_size_as_plans_hearings_and_projects_grow(deputy_client,
                                                                                django_assert_max_num_queries):
    session = make.session()
    with translation.override("en"):
        url = reverse("portal:council_pack_create", args=[session.pk])
    for number in range(CHOOSER_LIMIT + 1):
        make.hearing(topic=f"Угуу {number}")
        PlanFactory(title_ky=f"Биргелешкен план {number}", title_ru=f"План совместных действий {number}")
    with django_assert_max_num_queries(16):
        small = deputy_client.get(url).content.decode()
    for number in range(CHOOSER_LIMIT + 1, 4 * CHOOSER_LIMIT):
        make.hearing(topic=f"Угуу {number}")
        PlanFactory(title_ky=f"Биргелешкен план {number}", title_ru=f"План совместных действий {number}")
    with django_assert_max_num_queries(16):
        big = deputy_client.get(url).content.decode()
    # Past a page of matches (CHOOSER_LIMIT) the form no longer grows: ids get longer, that is all.
    assert len(big) < len(small) * 1.02
    assert big.count("План совместных действий") == CHOOSER_LIMIT

    # Without JavaScript the Search button is a search step: found, nothing saved.
    found = deputy_client.post(url, {"title": "Пакет", "_search": "action_plans", "action_plans__q": "действий 42"})
    assert found.status_code == 200
    page = found.content.decode()
    assert "План совместных действий 42" in page and "План совместных действий 41" not in page
    assert not CouncilPack.objects.exists()
