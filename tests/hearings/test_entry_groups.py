"""The proposals entry table offers each row a few initiative groups, not all of them: the active
groups of the hearing's village first, then what the one search above the table finds (without
JavaScript: a search step that saves nothing and keeps every row). The page weighs the same and
costs the same queries however many groups there are; any group can still be saved, and a hostile
id is a clear error on its row, never a 500."""
import re

import pytest
from django.urls import reverse

from core.choosers import CHOOSER_LIMIT
from hearings.models import Proposal
from tests.factories import VillageFactory
from tests.groups.factories import GroupFactory
from tests.hearings.factories import HearingFactory
from tests.hearings.test_staff import formset_data

pytestmark = pytest.mark.django_db


def entry_url(hearing):
    return reverse("hearings:staff_proposals_add", args=[hearing.pk])


def row_options(page, row=0):
    """The group ids offered in one row's select."""
    select = re.search(rf'<select name="form-{row}-group".*?</select>', page, re.S).group(0)
    return [int(value) for value in re.findall(r'<option value="(\d+)"', select)]


def add_groups(count, village, elsewhere):
    GroupFactory.create_batch(count, villages=[village])
    GroupFactory.create_batch(count, villages=[elsewhere])


def test_each_row_offers_the_villages_active_groups_first_and_no_others(staff_client):
    hearing = HearingFactory()
    elsewhere = VillageFactory(name="Кара-Суу")
    own = GroupFactory(name="Айры-Тамдын жаштары", villages=[hearing.village])
    dissolved = GroupFactory(name="Эски топ", villages=[hearing.village], dissolved_on="2020-01-01")
    other = GroupFactory(name="Кара-Суунун аялдары", villages=[elsewhere])
    page = staff_client.get(entry_url(hearing)).content.decode()
    assert row_options(page, 0) == [own.pk] and row_options(page, 9) == [own.pk]
    assert f"Groups of {hearing.village.name}" in page
    assert dissolved.name not in page and other.name not in page
    assert 'name="group__q"' in page and 'name="_search" value="group"' in page
    # With JavaScript the same search step runs as one types (htmx swaps in the rows).
    assert 'hx-select="#entry-rows"' in page and "vendor/htmx/htmx.min" in page and "<script>" not in page


@pytest.mark.parametrize("many", [False, True])
def test_the_table_weighs_the_same_with_three_times_the_groups(staff_client, django_assert_max_num_queries, many):
    hearing = HearingFactory()
    elsewhere = VillageFactory(name="Кара-Суу")
    add_groups(CHOOSER_LIMIT + 5, hearing.village, elsewhere)
    url = entry_url(hearing)
    staff_client.get(url)
    with django_assert_max_num_queries(9):
        small = staff_client.get(url)
    add_groups(2 * (CHOOSER_LIMIT + 5), hearing.village, elsewhere)
    with django_assert_max_num_queries(9):
        large = staff_client.get(url)
    assert len(row_options(large.content.decode())) == CHOOSER_LIMIT
    # The group names grow by a digit or two; nothing else may.
    assert abs(len(large.content) - len(small.content)) < 10 * CHOOSER_LIMIT * 3
    page = large.content.decode()
    assert f"The rows list the first {CHOOSER_LIMIT} active groups of {hearing.village.name}" in page
    if many:  # a search step costs no more queries either
        with django_assert_max_num_queries(10):
            response = staff_client.post(url, {**formset_data([], village=hearing.village_id),
                                               "_search": "group", "group__q": "топ"})
        assert len(row_options(response.content.decode())) <= 2 * CHOOSER_LIMIT


def test_no_js_search_finds_a_group_of_another_village_and_the_row_saves_it(staff_client):
    hearing = HearingFactory()
    GroupFactory.create_batch(CHOOSER_LIMIT + 3, villages=[hearing.village])
    wanted = GroupFactory(name="Кара-Суунун Аялдар кеңеши", villages=[VillageFactory(name="Кара-Суу")])
    url = entry_url(hearing)
    assert wanted.name not in staff_client.get(url).content.decode()

    rows = [{"source": "group", "topic": "water", "text": "Суу түтүгүн алмаштыруу", "estimated_cost": "120000"}]
    data = {**formset_data(rows, village=hearing.village_id), "_search": "group", "group__q": "  аялдар  КЕҢЕШИ"}
    response = staff_client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert wanted.pk in row_options(page, 0) and wanted.pk in row_options(page, 5)
    assert 'Found: “аялдар КЕҢЕШИ”' in page and "1 group found: it is now in each row" in page
    assert "Суу түтүгүн алмаштыруу" in page and 'value="120000"' in page  # nothing typed is lost
    assert "Nothing was saved" not in page and "text-danger" not in page  # a search step marks no row
    assert not Proposal.objects.exists()

    data = {**formset_data([{**rows[0], "group": wanted.pk}], village=hearing.village_id), "group__q": "аялдар"}
    response = staff_client.post(url, data)
    assert response.status_code == 302
    assert Proposal.objects.get().group == wanted
    staff_page = staff_client.get(reverse("hearings:staff_hearing", args=[hearing.pk])).content.decode()
    assert "Кара-Суунун Аялдар кеңеши" in staff_page


def test_search_says_when_nothing_is_found(staff_client):
    hearing = HearingFactory()
    response = staff_client.post(entry_url(hearing), {**formset_data([], village=hearing.village_id),
                                                      "_search": "group", "group__q": "Жок-Топ"})
    assert "Nothing found for “Жок-Топ”." in response.content.decode()


def test_a_chosen_group_outside_the_list_stays_chosen_when_another_row_is_wrong(staff_client):
    hearing = HearingFactory()
    far = GroupFactory(name="Алыскы топ", villages=[VillageFactory(name="Кара-Суу")])
    rows = [{"source": "group", "group": far.pk, "topic": "water", "text": "Көпүрө"},
            {"source": "group", "topic": "water", "text": "Топ көрсөтүлгөн жок"}]
    response = staff_client.post(entry_url(hearing), formset_data(rows, village=hearing.village_id))
    page = response.content.decode()
    assert response.status_code == 200 and "Nothing was saved" in page
    assert re.search(rf'<option value="{far.pk}" selected>Алыскы топ</option>', page)
    assert not Proposal.objects.exists()


@pytest.mark.parametrize("hostile", ["99999999999999999999999", "-1", "abc", "1 OR 1=1", "0x10"])
def test_a_hostile_group_id_is_an_error_on_its_row_not_a_500(staff_client, hostile):
    hearing = HearingFactory()
    rows = [{"source": "group", "group": hostile, "topic": "water", "text": "Сунуш"}]
    response = staff_client.post(entry_url(hearing), formset_data(rows, village=hearing.village_id))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Proposal.objects.exists()
