"""The staff work list counts what waits in every app in a few queries, whatever the data:
each app asks one aggregate of its model (PublishableQuerySet.work_counts)."""
import re

import pytest
from django.urls import reverse
from django.utils import translation

from tests.groups.factories import GroupFactory
from tests.projects.factories import DraftProjectFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def counts(page):
    """{work item title: count} as the page shows them."""
    return {title: int(count) for title, count in
            re.findall(r'<a href="[^"]+">([^<]+)</a><span class="badge[^"]*">(\d+)</span>', page)}


def test_the_work_list_counts_drafts_and_missing_russian_in_a_flat_number_of_queries(
        staff_client, django_assert_max_num_queries):
    with translation.override("en"):
        url = reverse("portal:staff_home")
    GroupFactory(draft=True)
    GroupFactory(purpose_ky="Суу маселеси", purpose_ru="")
    DraftProjectFactory(title_ky="Долбоор", title_ru="Проект")
    ProjectFactory(title_ky="Көпүрө", title_ru="", summary_ky="Кыскача", summary_ru="")
    with django_assert_max_num_queries(13):
        first = counts(staff_client.get(url).content.decode())
    assert first["Initiative groups not yet published"] == 1
    assert first["Published initiative groups missing Russian"] == 1
    assert first["Draft projects"] == 1
    assert first["Published projects missing Russian"] == 1

    for _ in range(5):
        GroupFactory(draft=True)
        ProjectFactory(title_ky="Жол", title_ru="Дорога", summary_ky="Кыскача", summary_ru="Кратко")
    with django_assert_max_num_queries(13):
        later = counts(staff_client.get(url).content.decode())
    assert later["Initiative groups not yet published"] == 6
    assert later["Published projects missing Russian"] == 1  # the new ones have their Russian
