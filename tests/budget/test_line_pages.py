"""The line editor edits a page of lines at a time (or one side, or one classification group):
the page stays the same size however long the year is, the totals stay the whole year's, and
a save touches only the rows shown, all or nothing, still refusing a stale table."""
import re
from decimal import Decimal

import pytest

from budget.models import BudgetLine
from budget.views import EXECUTION_LINES_PER_PAGE, LINES_PER_PAGE
from core.templatetags.portal import som
from tests.budget.factories import BudgetLineFactory, BudgetYearFactory, code
from tests.budget.test_staff import formset_data

pytestmark = pytest.mark.django_db


def url(year, query=""):
    return f"/en/budget/staff/{year.year}/lines/{query}"


def rows_shown(page):
    return re.findall(r'name="lines-\d+-id" value="(\d+)"', page)


@pytest.fixture
def long_year(db):
    year = BudgetYearFactory(year=2031, status="draft")
    BudgetLineFactory.create_batch(120, budget_year=year, planned=Decimal("1000.00"))  # five pages and more
    BudgetLineFactory.create_batch(5, budget_year=year, kind="revenue", planned=Decimal("7000.00"))
    return year


def ordered(year):
    return list(year.lines.order_by("kind", "position", "classification__code", "pk"))


def test_the_editor_shows_a_page_of_lines_with_the_whole_years_totals(staff_client, long_year):
    page = staff_client.get(url(long_year)).content.decode()
    assert len(rows_shown(page)) == LINES_PER_PAGE
    assert som(Decimal("120000")) in page  # expenditure of all 120 lines, not of the 25 shown
    assert som(Decimal("35000")) in page
    assert f"1–{LINES_PER_PAGE} of 125 lines" in page and f"Page 1 of {-(-125 // LINES_PER_PAGE)}" in page
    third = staff_client.get(url(long_year, "?page=3")).content.decode()
    assert rows_shown(third) == [str(line.pk) for line in ordered(long_year)[LINES_PER_PAGE * 2:LINES_PER_PAGE * 3]]


def test_the_editor_filters_by_side_and_classification_group(staff_client, long_year):
    revenue = staff_client.get(url(long_year, "?kind=revenue")).content.decode()
    assert len(rows_shown(revenue)) == 5
    group = staff_client.get(url(long_year, "?code=11")).content.decode()
    assert sorted(rows_shown(group)) == sorted(str(line.pk) for line in long_year.lines.filter(kind="revenue"))
    assert som(Decimal("120000")) in group  # totals still the whole year's


def test_saving_a_page_changes_its_rows_only_and_the_totals_follow(staff_client, long_year):
    second_page = ordered(long_year)[LINES_PER_PAGE:LINES_PER_PAGE * 2]
    data = formset_data("lines", second_page)
    data["lines-0-planned"] = "101 000"
    response = staff_client.post(url(long_year, "?page=2"), data)
    assert response.status_code == 302 and response["Location"].endswith("?page=2")
    assert BudgetLine.objects.get(pk=second_page[0].pk).planned == Decimal("101000.00")
    assert long_year.lines.totals()["expenditure_plan"] == Decimal("220000.00")
    assert long_year.lines.count() == 125
    page = staff_client.get(url(long_year, "?page=2")).content.decode()
    assert som(Decimal("220000")) in page


def test_a_row_repeating_a_line_on_another_page_is_refused(staff_client, long_year):
    lines = ordered(long_year)
    first_page, elsewhere = lines[:LINES_PER_PAGE], lines[-1]
    data = formset_data("lines", first_page)
    data["lines-3-name_ky"] = elsewhere.name_ky
    data["lines-3-classification"] = elsewhere.classification.code
    data["lines-3-kind"] = elsewhere.kind
    data["lines-3-category"] = ""
    response = staff_client.post(url(long_year), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "already in this year&#x27;s budget, on another page" in page
    assert BudgetLine.objects.get(pk=first_page[3].pk).name == first_page[3].name


def test_a_stale_page_is_refused_and_nothing_saved(staff_client, long_year):
    second_page = ordered(long_year)[LINES_PER_PAGE:LINES_PER_PAGE * 2]
    data = formset_data("lines", second_page)
    data["lines-0-planned"] = "555"
    data["lines-1-planned"] = "666"
    BudgetLine.objects.filter(pk=second_page[1].pk).update(version=second_page[1].version + 1,
                                                           planned=Decimal("777"))
    staff_client.post(url(long_year, "?page=2"), data)
    assert BudgetLine.objects.get(pk=second_page[0].pk).planned == Decimal("1000.00")
    assert BudgetLine.objects.get(pk=second_page[1].pk).planned == Decimal("777.00")


def test_hostile_management_data_is_refused_not_a_500(staff_client, long_year):
    data = formset_data("lines", ordered(long_year)[:2])
    data["lines-INITIAL_FORMS"] = "99999999999999999999"
    data["lines-0-id"] = "²"
    response = staff_client.post(url(long_year), data)
    assert response.status_code in (200, 400)
    assert long_year.lines.count() == 125


@pytest.mark.parametrize("lines", [60, 600])
def test_editor_and_execution_pages_do_not_grow_with_the_year(staff_client, lines, django_assert_max_num_queries):
    year = BudgetYearFactory(year=2032, status="draft")
    expenditure = code("7092")
    BudgetLine.objects.bulk_create([
        BudgetLine(budget_year=year, kind="expenditure", classification=expenditure, name=f"Сап {index}",
                   category=expenditure.citizen_category, planned=Decimal(index)) for index in range(lines)])
    staff_client.get("/en/")
    for path, rows in ((url(year), LINES_PER_PAGE), (f"/ky/budget/staff/{year.year}/execution/", EXECUTION_LINES_PER_PAGE)):
        with django_assert_max_num_queries(12):
            response = staff_client.get(path)
        assert response.status_code == 200
        assert len(rows_shown(response.content.decode())) == rows
        # The target for every staff page (a Kyrgyz page: two bytes a letter).
        assert len(response.content) < 100_000, len(response.content)
