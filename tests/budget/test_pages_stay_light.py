"""Issue #18: the budget pages stay the same size however many lines a year has. The citizen's
year page shows totals (by category, by classification section) and links to the line list,
which is paged and filtered; the new-year form offers recent years, not every year."""
import re
from decimal import Decimal

import pytest
from django.core.cache import cache

from budget.models import BudgetLine, BudgetYear
from budget.views import PUBLIC_LINES_PER_PAGE
from tests.budget.factories import BudgetLineFactory, BudgetYearFactory, code

pytestmark = pytest.mark.django_db


def year_of(year, expenditure, revenue=5, status="published"):
    budget_year = BudgetYearFactory(year=year, status=status)
    school, tax = code("7092"), code("11321")
    BudgetLine.objects.bulk_create(
        [BudgetLine(budget_year=budget_year, kind="expenditure", classification=school, name_ky=f"Мектеп ң{index:04d}",
                    name_ru=f"Школа {index:04d}", category=school.citizen_category, planned=Decimal("100"),
                    position=index) for index in range(expenditure)]
        + [BudgetLine(budget_year=budget_year, kind="revenue", classification=tax, name_ky=f"Салык ү{index:04d}",
                      name_ru=f"Налог {index:04d}", category=tax.citizen_category, planned=Decimal("1000"),
                      position=index) for index in range(revenue)])
    return budget_year


def lines_listed(page):
    return re.findall(r"(?:Мектеп ң|Салык ү)(\d{4})", page)


def fresh_get(client, path):
    cache.clear()  # rendered afresh, as after a change
    return client.get(path)


@pytest.mark.parametrize("lines", [40, 400])
def test_the_year_page_shows_totals_and_not_every_line(client, lines, django_assert_max_num_queries):
    budget_year = year_of(2041, lines)
    with django_assert_max_num_queries(20):
        response = fresh_get(client, f"/ky/budget/{budget_year.year}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert lines_listed(page) == []
    assert som_text(lines * 100) in page  # expenditure of every line, by section and category
    assert f'href="/ky/budget/{budget_year.year}/lines/?section={code("709").pk}"' in page
    assert f'href="/ky/budget/{budget_year.year}/lines/"' in page
    assert len(response.content) < 60_000, len(response.content)


def som_text(amount):
    from core.templatetags.portal import som

    return som(Decimal(amount))


def test_the_year_pages_weight_does_not_grow_with_its_lines(client):
    sizes = []
    for year, lines in ((2041, 30), (2042, 600)):
        BudgetYear.objects.all().delete()  # no earlier year to compare with, in both cases
        year_of(year, lines)
        sizes.append([len(fresh_get(client, path).content)
                      for path in (f"/ky/budget/{year}/", f"/ky/budget/{year}/lines/?page=2")])
    small, big = sizes
    assert abs(big[0] - small[0]) < 500, sizes  # the same figures, other amounts
    assert big[1] < 60_000, sizes


def test_a_citizen_reads_every_line_page_by_page_and_by_side(client, django_assert_max_num_queries):
    budget_year = year_of(2041, 130, revenue=20)
    with django_assert_max_num_queries(12):
        first = fresh_get(client, f"/ky/budget/{budget_year.year}/lines/").content.decode()
    assert len(lines_listed(first)) == PUBLIC_LINES_PER_PAGE
    assert "Мектеп ң0000" in first and "Салык ү0000" not in first  # expenditure comes first
    assert "Page 1 of 2" in first or "1-бет / 2" in first or "?page=2" in first
    second = client.get(f"/ky/budget/{budget_year.year}/lines/?page=2").content.decode()
    assert len(lines_listed(second)) == 150 - PUBLIC_LINES_PER_PAGE
    assert "Салык ү0019" in second
    revenue = client.get(f"/ru/budget/{budget_year.year}/lines/?kind=revenue").content.decode()
    assert sorted(re.findall(r"Налог (\d{4})", revenue)) == [f"{index:04d}" for index in range(20)]
    assert "Школа" not in revenue
    section = client.get(f"/ky/budget/{budget_year.year}/lines/?section={code('11').pk}").content.decode()
    assert len(lines_listed(section)) == 20 and "Мектеп" not in section
    # A hostile filter shows every line, never an error.
    assert client.get(f"/ky/budget/{budget_year.year}/lines/?section=x&kind=<b>&page=999").status_code == 200


def test_a_draft_years_lines_stay_hidden_from_citizens(client, staff_client):
    budget_year = year_of(2041, 3, status="draft")
    assert client.get(f"/ky/budget/{budget_year.year}/lines/").status_code == 404
    assert "Мектеп ң0002" in staff_client.get(f"/ky/budget/{budget_year.year}/lines/").content.decode()


def test_search_leads_to_the_line_in_the_line_list(client):
    budget_year = year_of(2041, 3)
    page = client.get("/ky/search/", {"q": "Мектеп"}).content.decode()
    assert f"/ky/budget/{budget_year.year}/lines/?code=7092" in page


def test_the_new_year_form_offers_recent_years_and_takes_any_other_by_number(staff_client):
    for year in range(2001, 2016):
        BudgetYearFactory(year=year, status="draft")
    old = BudgetYear.objects.get(year=2002)
    BudgetLineFactory(budget_year=old, name="Эски жол", planned=Decimal("5"))
    form = staff_client.get("/ky/budget/staff/new/").content.decode()
    offered = re.findall(r'<option value="\d+"[^>]*>(\d{4})</option>', form)
    assert offered == [str(year) for year in range(2015, 2005, -1)]
    refused = staff_client.post("/en/budget/staff/new/", {"year": "2016", "stage": "draft", "copy_from_year": "1999"})
    assert refused.status_code == 200 and "There is no budget of 1999." in refused.content.decode()
    assert not BudgetYear.objects.filter(year=2016).exists()
    created = staff_client.post("/en/budget/staff/new/", {"year": "2016", "stage": "draft", "copy_from_year": "2002"})
    assert created.status_code == 302
    assert list(BudgetYear.objects.get(year=2016).lines.values_list("name_ky", flat=True)) == ["Эски жол"]


def test_the_year_page_shows_ten_proposals_and_links_to_all_of_them(client, django_assert_max_num_queries):
    from tests.hearings.factories import ProposalFactory

    budget_year = year_of(2041, 3)
    line = budget_year.lines.first()
    ProposalFactory.create_batch(30, budget_line=line, status="accepted", text="Сунуш ңөү")
    with django_assert_max_num_queries(20):
        page = fresh_get(client, f"/en/budget/{budget_year.year}/").content.decode()
    assert page.count("proposal-in-budget") == 10
    assert f'href="/en/budget/{budget_year.year}/proposals/"' in page and "All 30 proposals" in page
    first = client.get(f"/en/budget/{budget_year.year}/proposals/").content.decode()
    second = client.get(f"/en/budget/{budget_year.year}/proposals/?page=2").content.decode()
    assert first.count("proposal-in-budget") == 25 and second.count("proposal-in-budget") == 5
    assert "Сунуш ңөү" in second


def test_the_year_page_counts_all_proposals_in_as_many_queries_however_many_there_are(
        client, django_assert_max_num_queries):
    """Five proposals are all shown; with thirty, ten are shown and a link says how many there
    are: they are counted on both pages, so both take the same queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from tests.hearings.factories import ProposalFactory

    budget_year = year_of(2041, 3)
    line = budget_year.lines.first()
    ProposalFactory.create_batch(5, budget_line=line, status="accepted", text="Сунуш ңөү")
    with CaptureQueriesContext(connection) as few:
        page = fresh_get(client, f"/en/budget/{budget_year.year}/").content.decode()
    assert page.count("proposal-in-budget") == 5
    assert f'href="/en/budget/{budget_year.year}/proposals/"' not in page and "All 5" not in page

    ProposalFactory.create_batch(25, budget_line=line, status="accepted", text="Сунуш ңөү")
    with django_assert_max_num_queries(len(few)) as many:
        page = fresh_get(client, f"/en/budget/{budget_year.year}/").content.decode()
    assert len(many) == len(few)
    assert page.count("proposal-in-budget") == 10
    assert (f'<a href="/en/budget/{budget_year.year}/proposals/">All 30 proposals taken into this budget</a>'
            in page)
    assert "Бул бюджетке кирген бардык 30 сунуш" in fresh_get(client, f"/ky/budget/{budget_year.year}/").content.decode()


def years_shown(page):
    """The years of the comparison's columns, in order."""
    head = re.search(r'<caption>Expenditure by category and year, som</caption>\s*<thead>(.*?)</thead>', page).group(1)
    return [int(year) for year in re.findall(r'<th scope="col" class="num">(\d{4})</th>', head)]


def test_the_comparison_shows_five_years_and_leads_to_every_other(client, django_assert_max_num_queries):
    for number in range(2010, 2022):
        year_of(number, 2)
    year_of(2022, 2, status="draft")
    with django_assert_max_num_queries(8):
        latest = fresh_get(client, "/en/budget/compare/").content.decode()
    assert years_shown(latest) == [2017, 2018, 2019, 2020, 2021]
    assert "Budgets year by year 2017–2021" in latest
    assert 'href="?to=2016">← Earlier years</a>' in latest and "Later years" not in latest
    assert 'href="/en/budget/budget.csv"' in latest  # every year's lines, in one file

    middle = client.get("/en/budget/compare/?to=2016").content.decode()
    assert years_shown(middle) == [2012, 2013, 2014, 2015, 2016]
    assert 'href="?to=2011">← Earlier years</a>' in middle and 'href="?to=2021">Later years →</a>' in middle
    first = client.get("/en/budget/compare/?to=2011").content.decode()
    assert years_shown(first) == [2010, 2011, 2012, 2013, 2014] and "Earlier years" not in first
    # A year without a budget shows the years before it; a draft is never shown; nonsense, the latest.
    assert years_shown(client.get("/en/budget/compare/?to=2030").content.decode()) == [2017, 2018, 2019, 2020, 2021]
    for nonsense in ("abc", "<b>", "-5", "99999999999"):
        response = client.get("/en/budget/compare/", {"to": nonsense})
        assert response.status_code == 200 and years_shown(response.content.decode()) == [2017, 2018, 2019, 2020, 2021]
    # The year page leads to the years up to its own.
    assert 'href="/en/budget/compare/?to=2014"' in client.get("/en/budget/2014/").content.decode()


def test_the_comparison_weighs_the_same_with_six_years_as_with_forty(client):
    sizes = []
    for first in (2015, 1981):
        BudgetYear.objects.all().delete()
        for number in range(first, 2021):
            year_of(number, 2)
        page = fresh_get(client, "/ru/budget/compare/").content.decode()
        assert years_shown(client.get("/en/budget/compare/").content.decode()) == [2016, 2017, 2018, 2019, 2020]
        sizes.append(len(page.encode()))
    assert abs(sizes[1] - sizes[0]) < 100, sizes


def test_on_a_phone_each_category_of_the_comparison_is_a_card_of_its_years(client):
    for number in (2019, 2020):
        year_of(number, 2)
    page = client.get("/en/budget/compare/").content.decode()
    row = re.search(r'<tr><th scope="row" class="fw-normal">Education</th>(.*?)</tr>', page).group(1)
    # table.stack: each row a card, each amount labelled with its year (portal.css)
    assert row == (f'<td class="num" data-label="2019">{som_text(200)}</td>'
                   f'<td class="num" data-label="2020">{som_text(200)}</td>')
    assert page.count('<table class="table table-sm stack">') == 3
