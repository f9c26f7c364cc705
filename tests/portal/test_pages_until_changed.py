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


def test_the_last_change_of_the_same_models_is_read_anew_each_time(municipality, django_assert_num_queries):
    from core.changes import ANY_CONTENT, last_changed

    before = last_changed("groups.InitiativeGroup", ANY_CONTENT)
    GroupFactory(name="Жаңы топ")
    with django_assert_num_queries(1):
        after = last_changed("groups.InitiativeGroup", ANY_CONTENT)
    assert after is not None and (before is None or after > before)
    with django_assert_num_queries(1):
        assert last_changed(ANY_CONTENT) == after


def test_a_model_without_history_cannot_keep_a_page():
    from core.changes import last_changed

    with pytest.raises(ValueError, match="keeps no history"):
        last_changed("hearings.ProposalStatusChange")


def test_the_annual_report_is_kept_and_shows_a_planning_change_at_once(client, municipality,
                                                                      django_assert_max_num_queries):
    """Every app has a part in the report, planning's too: the page is kept until any content
    changes (its Last-Modified alike), not rendered again for each visitor."""
    import datetime

    from planning.models import PlannedAction
    from tests.planning.factories import ActionFactory

    ActionFactory(deadline=datetime.date(2025, 5, 1))
    url = "/en/report/2025/"
    first = client.get(url)
    assert first.status_code == 200
    with django_assert_max_num_queries(1):
        assert client.get(url).content == first.content
    ActionFactory(deadline=datetime.date(2025, 6, 1), status=PlannedAction.Status.DONE,
                  done_on=datetime.date(2025, 6, 1), what_ky="Көпүрө салынды", what_ru="Мост построен")
    page = client.get(url).content.decode()
    assert page != first.content.decode() and "Мост построен" in page
