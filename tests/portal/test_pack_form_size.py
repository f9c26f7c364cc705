"""The council pack form offers each app's objects through a search (core.choosers), so it
does not grow with years of hearings, projects and joint plans (issue #18)."""
import re

import pytest
from django.urls import reverse
from django.utils import translation

from budget.models import BudgetYear
from core.choosers import CHOOSER_LIMIT
from hearings.models import Hearing
from planning.models import ActionPlan
from portal.models import CouncilPack
from tests.budget.factories import BudgetYearFactory
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
    with django_assert_max_num_queries(15):
        small = deputy_client.get(url).content.decode()
    for number in range(CHOOSER_LIMIT + 1, 4 * CHOOSER_LIMIT):
        make.hearing(topic=f"Угуу {number}")
        PlanFactory(title_ky=f"Биргелешкен план {number}", title_ru=f"План совместных действий {number}")
    with django_assert_max_num_queries(15):
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


def add_content(first, last):
    """Hearings, joint plans and budget years numbered first..last-1."""
    for number in range(first, last):
        make.hearing(topic=f"Угуу {number}", starts_at=make.moment(2000 + number % 20, 1 + number % 12, 1))
        PlanFactory(title_ky=f"Биргелешкен план {number}", title_ru=f"План совместных действий {number}")
        BudgetYearFactory(year=1900 + number)


def options(page, name):
    """(ticked ids, other ids) offered by the chooser `name`, in the order a person reads them."""
    found = re.findall(rf'<input type="(?:checkbox|radio)" name="{name}" value="(\d+)"( checked)?>', page)
    return [int(pk) for pk, ticked in found if ticked], [int(pk) for pk, ticked in found if not ticked]


def test_the_pack_edit_form_costs_the_same_queries_and_weight_with_three_times_the_data(
        deputy_client, django_assert_max_num_queries):
    add_content(0, CHOOSER_LIMIT + 3)  # a page of others past what is chosen
    hearings = list(Hearing.objects.order_by("pk")[:2])
    plan = ActionPlan.objects.get(title_ky="Биргелешкен план 7")
    budget_year = BudgetYear.objects.get(year=1905)
    pack = CouncilPack.objects.create(session=make.session(), title="Февраль")
    pack.put({"hearings": hearings, "action_plans": [plan], "budget_year": [budget_year]})
    with translation.override("en"):
        url = reverse("portal:council_pack_edit", args=[pack.pk])
    # What is chosen comes with the matches, one query per chooser.
    with django_assert_max_num_queries(15):
        small = deputy_client.get(url).content.decode()
    add_content(CHOOSER_LIMIT + 3, 3 * CHOOSER_LIMIT)
    with django_assert_max_num_queries(15):
        big = deputy_client.get(url).content.decode()
    assert len(big) < len(small) * 1.02

    # What the pack holds is ticked and comes first, each once; then a page of others.
    ticked, others = options(big, "hearings")
    assert ticked == sorted((hearing.pk for hearing in hearings),
                            key=lambda pk: -Hearing.objects.get(pk=pk).starts_at.timestamp())
    assert len(others) == CHOOSER_LIMIT and not set(ticked) & set(others)
    assert options(big, "action_plans")[0] == [plan.pk]
    assert options(big, "budget_year")[0] == [budget_year.pk]
    assert len(options(big, "budget_year")[1]) == CHOOSER_LIMIT
    assert "Only the first 20 are shown" in big


def test_a_budget_year_among_many_is_found_by_its_year_and_saved_in_the_pack(deputy_client):
    add_content(0, 2 * CHOOSER_LIMIT)
    session = make.session()
    with translation.override("en"):
        url = reverse("portal:council_pack_create", args=[session.pk])
    # Without JavaScript: the search step finds the year, nothing is saved yet.
    page = deputy_client.post(url, {"title": "Бюджет", "_search": "budget_year", "budget_year__q": "1903"}
                              ).content.decode()
    wanted = BudgetYear.objects.get(year=1903)
    assert options(page, "budget_year")[1] == [wanted.pk]
    assert ">1903</label>" in page and ">1904</label>" not in page
    assert not CouncilPack.objects.exists()
    response = deputy_client.post(url, {"title": "Бюджет", "budget_year": wanted.pk, "budget_year__q": "1903"})
    assert response.status_code == 302
    pack = CouncilPack.objects.get()
    assert pack.picked() == {"budget_year": [wanted.pk]}
    # Editing it again: the year is ticked, first.
    page = deputy_client.get(reverse("portal:council_pack_edit", args=[pack.pk])).content.decode()
    assert options(page, "budget_year")[0] == [wanted.pk]
