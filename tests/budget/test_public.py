"""What a citizen sees of the budget: published years only, figures that add up to the tyiyn,
and pages whose query count does not grow with the lines."""
import csv
import html
import io
import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from openpyxl import load_workbook

from budget.models import BudgetLine, BudgetYear
from tests.budget.factories import BudgetLineFactory, BudgetYearFactory, code
from tests.factories import VillageFactory


def text_of(response):
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode()))).replace(
        "\xa0", " ")


@pytest.fixture
def small_year(db):
    """A known year: revenue 1 000 000,50; expenditure 800 000 (600 000 education, of which 450 000
    spent; 200 000 water, 50 000 spent); 2 villages of 1 500 and 2 500 residents."""
    VillageFactory(name="Айры-Там", population=1500)
    VillageFactory(name="Ажек", population=2500)
    year = BudgetYearFactory(year=2022, stage="executed")
    BudgetLineFactory(budget_year=year, kind="revenue", classification=code("13311"), category="transfers",
                      name="Теңдөөчү грант", planned=Decimal("1000000.50"), executed=Decimal("1000000.50"))
    BudgetLineFactory(budget_year=year, classification=code("7092"), name="Мектептер",
                      planned=Decimal("500000"), amended=Decimal("600000"), executed=Decimal("450000"))
    BudgetLineFactory(budget_year=year, classification=code("7063"), category="water", name="Суу",
                      planned=Decimal("200000"), executed=Decimal("50000"))
    return year


def test_citizens_see_totals_per_resident_and_execution_of_a_published_year(client, small_year):
    page = text_of(client.get(f"/en/budget/{small_year.year}/"))
    assert "1 000 000.50 som Revenue" in page
    assert "800 000 som Expenditure" in page
    # 800 000 / 4 000 residents
    assert "200 som Spent per resident" in page
    assert "4 000 residents" in page
    # 500 000 of 800 000 spent
    assert "62.5 % Of the expenditure spent" in page
    # education: 450 000 of the amended 600 000
    assert "Education 600 000 som 450 000 som 75.0 %" in page
    assert "Drinking water 200 000 som 50 000 som 25.0 %" in page


def test_per_resident_says_so_when_the_population_is_unknown(client, small_year):
    VillageFactory(name="Жаңы айыл", population=None)
    page = text_of(client.get(f"/en/budget/{small_year.year}/"))
    assert "The population of the villages is not known" in page


def test_changes_against_last_year_are_shown_by_category(client, small_year):
    previous = BudgetYearFactory(year=2021)
    BudgetLineFactory(budget_year=previous, classification=code("7092"), name="Мектептер",
                      planned=Decimal("400000"))
    page = text_of(client.get(f"/en/budget/{small_year.year}/"))
    # education 600 000 against 400 000: +200 000, +50 %
    assert "Education 600 000 som 400 000 som +200 000 som +50.0 %" in page
    assert "Drinking water 200 000 som 0 som +200 000 som new" in page


def test_proposals_of_published_hearings_taken_into_the_budget_are_shown(client, small_year):
    from hearings.models import Hearing, Proposal
    from django.utils import timezone

    line = small_year.lines.get(name="Мектептер")
    published = Hearing.objects.create(kind="budget_draft", topic="Бюджеттин долбоору", starts_at=timezone.now(),
                                       status="published")
    draft = Hearing.objects.create(kind="budget_draft", topic="Жашыруун угуу", starts_at=timezone.now())
    Proposal.objects.create(hearing=published, text="Мектептерди оңдоо керек", budget_line=line)
    Proposal.objects.create(hearing=draft, text="Жашыруун сунуш", budget_line=line)
    page = client.get(f"/en/budget/{small_year.year}/").content.decode()
    assert "Мектептерди оңдоо керек" in page
    assert "Жашыруун" not in page


def test_the_budget_files_carry_the_same_totals_as_the_page(client, small_year):
    csv_response = client.get(f"/en/budget/{small_year.year}/budget.csv")
    assert not csv_response.content.startswith("\ufeff".encode())  # open data: plain UTF-8
    rows = list(csv.DictReader(io.StringIO(csv_response.content.decode("utf-8"))))
    assert sum(Decimal(row["planned"]) for row in rows if row["kind"] == "revenue") == Decimal("1000000.50")
    assert sum(Decimal(row["amended"] or row["planned"]) for row in rows if row["kind"] == "expenditure") == \
        Decimal("800000.00")
    assert csv_response["ETag"]
    assert client.get(f"/en/budget/{small_year.year}/budget.csv",
                      HTTP_IF_NONE_MATCH=csv_response["ETag"]).status_code == 304

    xlsx_response = client.get(f"/en/budget/{small_year.year}/budget.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx_response.content), read_only=True).worksheets[0]
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == ("kind", "code", "name_ky", "name_ru", "category", "planned", "amended", "executed")
    assert len(values) == 4


@pytest.mark.parametrize("suffix", ["", "budget.csv", "budget.xlsx", "council.pdf", "citizens-budget.pdf"])
def test_a_draft_year_is_never_shown_to_citizens(client, no_role_user, small_year, suffix):
    small_year.unpublish()
    assert client.get(f"/en/budget/{small_year.year}/{suffix}").status_code == 404
    client.force_login(no_role_user, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get(f"/en/budget/{small_year.year}/{suffix}").status_code == 404


def test_draft_years_are_not_listed_compared_or_on_the_home_page(client, small_year):
    BudgetYearFactory(year=2031, status="draft", published_at=None)
    BudgetLineFactory(budget_year=BudgetYear.objects.get(year=2031), name="DRAFTLINE", planned=Decimal("7"))
    for url in ("/en/budget/", "/en/budget/compare/", "/en/"):
        page = client.get(url).content.decode()
        assert "2031" not in page, url
        assert "DRAFTLINE" not in page
    assert "2022" in client.get("/en/budget/").content.decode()


def test_deputies_can_read_a_draft_year(deputy_client, small_year):
    small_year.unpublish()
    assert deputy_client.get(f"/en/budget/{small_year.year}/").status_code == 200


def test_the_comparison_page_shows_totals_per_year_and_category(client, small_year):
    previous = BudgetYearFactory(year=2021)
    BudgetLineFactory(budget_year=previous, classification=code("7092"), name="Мектептер",
                      planned=Decimal("400000"))
    page = text_of(client.get("/en/budget/compare/"))
    assert "2021 0 som 400 000 som" in page
    assert "2022 1 000 000.50 som 800 000 som" in page
    assert "Education 400 000 som 600 000 som" in page


def test_the_budget_page_needs_no_more_queries_with_2000_lines(client, small_year, django_assert_max_num_queries):
    def count_queries():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/en/budget/{small_year.year}/").status_code == 200
        return len(queries)

    few = count_queries()
    classification = code("7092")
    BudgetLine.objects.bulk_create(
        BudgetLine(budget_year=small_year, kind="expenditure", classification=classification, category="education",
                   name=f"Сап {number}", planned=Decimal("1.01")) for number in range(2000))
    cache.clear()  # bulk_create sends no signal; measure the view, not the citizens' page cache
    with django_assert_max_num_queries(few):
        response = client.get(f"/en/budget/{small_year.year}/")
    assert "802 020 som Expenditure" in text_of(response)


def test_the_home_page_shows_the_latest_published_budget(client, small_year):
    BudgetYearFactory(year=2031, status="draft", published_at=None)
    page = text_of(client.get("/en/"))
    assert "Budget of 2022" in page
    assert "1 000 000.50 som" in page and "62.5 %" in page
    assert "Budget of 2031" not in page
