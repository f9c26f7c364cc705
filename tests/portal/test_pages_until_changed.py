"""A citizen's page is kept until something it shows changes (portal.changes): a change
elsewhere costs the next visitor one small query instead of a fresh rendering, and a change
of what the page shows is seen at once."""
from decimal import Decimal

import pytest

from core.cache import bump_content_version
from core.templatetags.portal import som
from tests.budget.factories import BudgetLineFactory, BudgetYearFactory
from tests.groups.factories import GroupFactory
from tests.hearings.factories import ProposalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def year(municipality):
    year = BudgetYearFactory(year=2030)
    BudgetLineFactory.create_batch(30, budget_year=year, planned=Decimal("1000.00"))
    return year


def test_the_budget_page_survives_an_unrelated_change_in_one_query(client, year, django_assert_max_num_queries):
    first = client.get("/en/budget/2030/").content
    GroupFactory(name="Жаңы топ")  # a change elsewhere: the whole-page cache is emptied
    with django_assert_max_num_queries(1):
        again = client.get("/en/budget/2030/")
    assert again.status_code == 200 and again.content == first


def test_a_change_of_the_budget_is_shown_at_once(client, year):
    # The year page shows the totals; its lines are listed on their own page.
    assert som(Decimal("35000")) not in client.get("/en/budget/2030/").content.decode()
    assert "Кошумча сап" not in client.get("/en/budget/2030/lines/").content.decode()
    BudgetLineFactory(budget_year=year, name="Кошумча сап", planned=Decimal("5000.00"))
    assert som(Decimal("35000")) in client.get("/en/budget/2030/").content.decode()
    assert "Кошумча сап" in client.get("/en/budget/2030/lines/").content.decode()


def test_the_proposals_page_follows_its_proposals(client, municipality):
    ProposalFactory(text="Биринчи сунуш", status="accepted", response="Ооба")
    assert "Биринчи сунуш" in client.get("/en/hearings/proposals/").content.decode()
    ProposalFactory(text="Экинчи сунуш", status="accepted", response="Ооба")
    assert "Экинчи сунуш" in client.get("/en/hearings/proposals/").content.decode()


def test_staff_always_get_a_fresh_page(staff_client, year, django_assert_max_num_queries):
    staff_client.get("/en/budget/2030/")
    bump_content_version()
    response = staff_client.get("/en/budget/2030/")
    assert response.status_code == 200 and b"csrfmiddlewaretoken" in response.content
