"""Staff keep the budget on the portal's own pages: years, lines in one table (all or nothing),
execution, and the classification."""
from decimal import Decimal

import pytest

from budget.models import BudgetClassification, BudgetLine, BudgetYear
from budget.services import create_year
from tests.budget.factories import BudgetLineFactory, BudgetYearFactory, code


def formset_data(formset_prefix, lines, extra_rows=()):
    """POST data for the lines table: every existing line as it is, plus `extra_rows`."""
    data = {f"{formset_prefix}-TOTAL_FORMS": str(len(lines) + len(extra_rows)),
            f"{formset_prefix}-INITIAL_FORMS": str(len(lines)),
            f"{formset_prefix}-MIN_NUM_FORMS": "0", f"{formset_prefix}-MAX_NUM_FORMS": "1000"}
    rows = [{"id": line.pk, "version": line.version, "kind": line.kind, "classification": line.classification.code,
             "name_ky": line.name, "category": line.category, "planned": str(line.planned),
             "amended": "" if line.amended is None else str(line.amended),
             "executed": "" if line.executed is None else str(line.executed)} for line in lines]
    for index, row in enumerate(rows + list(extra_rows)):
        for key, value in row.items():
            data[f"{formset_prefix}-{index}-{key}"] = value
    return data


@pytest.fixture
def year(db):
    year = BudgetYearFactory(year=2030, status="draft")
    BudgetLineFactory(budget_year=year, name="Мектептер", planned=Decimal("100.00"))
    BudgetLineFactory(budget_year=year, kind="revenue", name="Жер салыгы", planned=Decimal("100.00"))
    return year


def test_staff_save_all_lines_of_a_year_in_one_table(staff_client, year):
    lines = list(year.lines.order_by("pk"))
    new_row = {"kind": "expenditure", "classification": "7064", "name_ky": "Көчө жарыгы", "category": "",
               "planned": "320 000,50", "amended": "", "executed": ""}
    data = formset_data("lines", lines, [new_row])
    data["lines-0-planned"] = "150 000"
    response = staff_client.post(f"/en/budget/staff/{year.year}/lines/", data)
    assert response.status_code == 302
    assert sorted(year.lines.values_list("name", "planned", "category")) == [
        ("Жер салыгы", Decimal("100.00"), "own_revenue"),
        ("Көчө жарыгы", Decimal("320000.50"), "housing"),
        ("Мектептер", Decimal("150000.00"), "education"),
    ]


def test_one_bad_row_saves_nothing_and_names_the_problem(staff_client, year):
    lines = list(year.lines.order_by("pk"))
    duplicate = {"kind": "expenditure", "classification": lines[0].classification.code, "name_ky": "Мектептер",
                 "category": "", "planned": "5", "amended": "", "executed": ""}
    data = formset_data("lines", lines, [duplicate])
    data["lines-0-planned"] = "999"           # a good change that must not be saved either
    data["lines-1-executed"] = "-5"           # negative
    response = staff_client.post(f"/en/budget/staff/{year.year}/lines/", data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was saved" in page
    assert "The amount cannot be negative." in page
    assert "already in row 1" in page
    assert sorted(year.lines.values_list("name", "planned", "executed")) == [
        ("Жер салыгы", Decimal("100.00"), None), ("Мектептер", Decimal("100.00"), None)]


def test_text_in_an_amount_and_a_code_of_the_other_side_are_refused(staff_client, year):
    lines = list(year.lines.order_by("pk"))
    data = formset_data("lines", lines)
    data["lines-0-planned"] = "жүз"
    data["lines-1-classification"] = "7092"  # an expenditure code on a revenue line
    page = staff_client.post(f"/en/budget/staff/{year.year}/lines/", data).content.decode()
    assert "“жүз” is not a number." in page
    assert "This code belongs to the other side of the budget." in page
    assert year.lines.get(name_ky="Мектептер").planned == Decimal("100.00")


def test_a_stale_table_is_refused(staff_client, year):
    lines = list(year.lines.order_by("pk"))
    data = formset_data("lines", lines)
    data["lines-0-planned"] = "555"
    BudgetLine.objects.filter(pk=lines[0].pk).update(version=lines[0].version + 1, planned=Decimal("777"))
    staff_client.post(f"/en/budget/staff/{year.year}/lines/", data)
    assert year.lines.get(pk=lines[0].pk).planned == Decimal("777.00")


def test_staff_remove_a_line_with_the_delete_box(staff_client, year):
    lines = list(year.lines.order_by("pk"))
    data = formset_data("lines", lines)
    data["lines-1-DELETE"] = "on"
    assert staff_client.post(f"/en/budget/staff/{year.year}/lines/", data).status_code == 302
    assert list(year.lines.values_list("name", flat=True)) == ["Мектептер"]


def test_staff_record_execution_and_its_date(staff_client, year):
    year.year = 2024  # a closed year: execution is reported as of a past day of it
    year.save()
    lines = list(year.lines.select_related("classification").order_by("kind", "position", "classification__code",
                                                                      "pk"))
    data = {"lines-TOTAL_FORMS": str(len(lines)), "lines-INITIAL_FORMS": str(len(lines)),
            "lines-MIN_NUM_FORMS": "0", "lines-MAX_NUM_FORMS": "1000", "year-executed_as_of": "2023-12-31"}
    for index, line in enumerate(lines):
        data[f"lines-{index}-id"] = line.pk
        data[f"lines-{index}-version"] = line.version
        data[f"lines-{index}-executed"] = "50,25"
    # As of a day before the year, or ahead of today: refused, in Kyrgyz, nothing saved.
    for as_of, message in (("2023-12-31", "Аткаруу 2024-жыл башталганга чейинки күнгө карата көрсөтүлө албайт."),
                           ("2100-06-30", "Аткаруу келечектеги күнгө карата көрсөтүлө албайт.")):
        response = staff_client.post(f"/ky/budget/staff/{year.year}/execution/", {**data, "year-executed_as_of": as_of})
        assert response.status_code == 200 and message in response.content.decode()
        assert not year.lines.filter(executed__isnull=False).exists()
    data["year-executed_as_of"] = "2024-06-30"
    response = staff_client.post(f"/en/budget/staff/{year.year}/execution/", data)
    assert response.status_code == 302
    year.refresh_from_db()
    assert str(year.executed_as_of) == "2024-06-30"
    assert set(year.lines.values_list("executed", flat=True)) == {Decimal("50.25")}


def test_staff_create_a_year_from_last_years_lines(staff_client, year):
    line = year.lines.get(name="Мектептер")
    line.amended = Decimal("120.00")
    line.executed = Decimal("90.00")
    line.save()
    response = staff_client.post("/en/budget/staff/new/", {"year": "2031", "stage": "draft",
                                                           "copy_from": year.pk, "notes_ky": ""})
    assert response.status_code == 302
    new = BudgetYear.objects.get(year=2031)
    assert new.status == "draft"
    assert sorted(new.lines.values_list("name", "planned", "amended", "executed")) == [
        ("Жер салыгы", Decimal("100.00"), None, None), ("Мектептер", Decimal("120.00"), None, None)]


def test_copying_a_year_is_all_or_nothing(year):
    with pytest.raises(Exception):
        create_year(year=year.year, copy_from=year)  # the year exists: nothing half-made
    assert BudgetYear.objects.filter(year=year.year).count() == 1


def test_staff_edit_the_year_and_publish_it(staff_client, year):
    response = staff_client.post(f"/en/budget/staff/{year.year}/", {"year": "2030", "stage": "approved",
                                                                    "notes_ky": "Бекитилди"})
    assert response.status_code == 302
    year.refresh_from_db()
    assert (year.stage, year.notes) == ("approved", "Бекитилди")
    staff_client.post(f"/en/staff/publish/budget.BudgetYear/{year.pk}/", {"action": "publish"})
    year.refresh_from_db()
    assert year.is_published


def test_staff_add_and_correct_a_classification_code(staff_client, db):
    parent = code("709")
    response = staff_client.post("/en/budget/staff/classification/new/", {
        "code": "7093", "kind": "expenditure", "parent": parent.pk, "name_ky": "Кесиптик билим",
        "name_ru": "Профессиональное образование", "name_en": "", "citizen_category": "education"})
    assert response.status_code == 302
    created = BudgetClassification.objects.get(code="7093")
    assert created.parent == parent
    response = staff_client.post(f"/en/budget/staff/classification/{created.pk}/", {
        "code": "7093", "kind": "expenditure", "parent": parent.pk, "name_ky": "Кесиптик билим",
        "name_ru": "Профобразование", "name_en": "", "citizen_category": "own_revenue"})
    assert "This category belongs to the other side of the budget." in response.content.decode()
    assert BudgetClassification.objects.get(code="7093").name_ru == "Профессиональное образование"


def test_the_classification_reference_list_is_loaded(db):
    assert code("701").kind == "expenditure"
    assert code("7096").parent.code == "709"
    assert code("13311").citizen_category == "transfers"
    assert code("11321").name_ru == "Земельный налог"


@pytest.mark.parametrize("path", ["", "new/", "2030/", "2030/lines/", "2030/execution/", "2030/import/",
                                  "classification/", "classification/new/"])
def test_only_staff_open_the_staff_pages(role_clients, year, path):
    url = f"/en/budget/staff/{path}"
    assert role_clients["anonymous"].get(url).status_code == 302
    assert role_clients["no_role"].get(url).status_code == 403
    assert role_clients["deputy"].get(url).status_code == 403
    assert role_clients["staff"].get(url).status_code == 200


def test_the_work_list_counts_draft_years(staff_client, year):
    page = staff_client.get("/en/staff/").content.decode()
    assert "Budget years not yet published" in page


def test_the_staff_year_list_is_light_with_a_publish_button_only_on_drafts(staff_client, django_assert_max_num_queries):
    """50 years a page; each row links to its lines, its settings and its execution; a draft has
    a Publish button, a published year none (unpublishing is on the year's own page)."""
    for number in range(1960, 2020):
        BudgetYearFactory(year=number, status="draft" if number == 2019 else "published")
    BudgetLineFactory(budget_year=BudgetYear.objects.get(year=2019), planned=Decimal("1500"))
    with django_assert_max_num_queries(10):
        first = staff_client.get("/en/budget/staff/").content.decode()
    second = staff_client.get("/en/budget/staff/?page=2").content.decode()
    assert first.count("<tr><th scope=\"row\">") == 50 and second.count("<tr><th scope=\"row\">") == 10
    assert "Page 1 of 2" in first
    assert ('<a href="/en/budget/staff/2019/lines/">2019</a>' in first and
            '<a href="/en/budget/staff/2019/">Edit year</a>' in first and
            '<a href="/en/budget/staff/2019/execution/">Execution</a>' in first)
    assert "1 500 som" in first.replace("\xa0", " ")
    assert first.count(">Publish</button>") == 1 and "Unpublish" not in first
    # Each row is light: about 0.4 KB (0.75 KB with a form in every row before).
    assert (len(first.encode()) - len(second.encode())) / 40 < 450
