"""Staff import a year's lines from CSV or XLSX: the whole file is checked, errors are named by row
and column, a preview comes first, and only a confirmed, faultless file is saved."""
import io
import os
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from budget.models import BudgetLine
from tests.budget.factories import BudgetLineFactory, BudgetYearFactory, code

HEADER = "kind,code,name,category,planned,amended,executed\r\n"


def upload(client, year, content, name="lines.csv"):
    return client.post(f"/en/budget/staff/{year.year}/import/", {"file": SimpleUploadedFile(name, content)})


def confirm(client, year):
    return client.post(f"/en/budget/staff/{year.year}/import/confirm/")


def names_of(year):
    return sorted((ky, ru or "") for ky, ru in BudgetLine.objects.filter(budget_year=year).values_list(
        "name_ky", "name_ru"))


def lines_of(year):
    return sorted(BudgetLine.objects.filter(budget_year=year).values_list(
        "kind", "classification__code", "name_ky", "category", "planned", "amended", "executed"))


@pytest.fixture
def year(db):
    return BudgetYearFactory(year=2030, status="draft")


def test_staff_see_a_preview_and_nothing_is_saved_until_they_confirm(staff_client, year):
    content = (HEADER + "revenue,11321,Жер салыгы,own_revenue,1000000,,\r\n"
               "expenditure,7096,Окуучуларды ташуу,,250000,,\r\n").encode()
    response = upload(staff_client, year, content)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Окуучуларды ташуу" in html and "Confirm and save" in html
    assert BudgetLine.objects.filter(budget_year=year).count() == 0

    response = confirm(staff_client, year)
    assert response.status_code == 302
    assert lines_of(year) == [
        ("expenditure", "7096", "Окуучуларды ташуу", "education", Decimal("250000.00"), None, None),
        ("revenue", "11321", "Жер салыгы", "own_revenue", Decimal("1000000.00"), None, None),
    ]
    # The pending import is used up: a second confirm saves nothing more.
    assert confirm(staff_client, year).status_code == 302
    assert BudgetLine.objects.filter(budget_year=year).count() == 2


def test_each_bad_row_is_named_by_row_and_column_and_nothing_is_saved(staff_client, year):
    BudgetLineFactory(budget_year=year, name="Бар болгон сап", planned=Decimal("5.00"))
    before = lines_of(year)
    content = (HEADER
               + "expenditure,7092,Мектептерди оңдоо,,600000,,\r\n"       # row 2: fine
               + "expenditure,7092,Терс сумма,,-100,,\r\n"              # row 3: negative
               + "expenditure,99999,Белгисиз код,,100,,\r\n"            # row 4: unknown code
               + "expenditure,7092,Мектептерди оңдоо,,5,,\r\n"         # row 5: duplicate of row 2
               + "expenditure,7092,Текст,,жүз миң,,\r\n"                # row 6: text in a number
               + "revenue,7092,Тескери код,,100,,\r\n"                  # row 7: code of the other side
               + "spending,7092,Түрү туура эмес,,100,,\r\n").encode()   # row 8: unknown kind
    html = upload(staff_client, year, content).content.decode()
    assert "nothing was saved" in html
    rows = {int(cells[0]): cells[1:] for cells in error_table(html)}
    assert rows[3][0] == "planned" and "cannot be negative" in rows[3][1]
    assert rows[4][0] == "code" and "no classification code “99999”" in rows[4][1]
    assert rows[5][0] == "name" and "already in row 2" in rows[5][1]
    assert rows[6][0] == "planned" and "“жүз миң” is not a number" in rows[6][1]
    assert rows[7][0] == "code" and "other side of the budget" in rows[7][1]
    assert rows[8][0] == "kind" and "“spending” is not a kind" in rows[8][1]
    assert 2 not in rows
    assert confirm(staff_client, year).status_code == 302
    assert lines_of(year) == before


def error_table(html):
    import re

    table = html.split('class="table table-sm import-errors"')[1].split("</table>")[0]
    body = table.split("<tbody>")[1]
    return [[re.sub("<[^>]+>", "", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", row)]
            for row in re.findall(r"<tr>(.*?)</tr>", body)]


def test_errors_are_told_in_the_users_language(staff_client, year):
    content = (HEADER + "expenditure,7092,Терс,,-100,,\r\n").encode()
    response = staff_client.post(f"/ru/budget/staff/{year.year}/import/",
                                 {"file": SimpleUploadedFile("lines.csv", content)})
    html = response.content.decode()
    assert "Сумма не может быть отрицательной." in html


def test_a_cp1251_file_with_comma_decimals_and_spaced_thousands_is_accepted(staff_client, year):
    content = ("kind;code;name;category;planned;amended;executed\r\n"
               "expenditure;7096;Подвоз учащихся из приграничных сёл;;250 000,0;;\r\n"
               "revenue;11321;Земельный налог;;1 234 567,89;;1 000 000,5\r\n").encode("cp1251")
    response = upload(staff_client, year, content)
    assert "Подвоз учащихся из приграничных сёл" in response.content.decode()
    confirm(staff_client, year)
    assert lines_of(year) == [
        ("expenditure", "7096", "Подвоз учащихся из приграничных сёл", "education", Decimal("250000.00"), None, None),
        ("revenue", "11321", "Земельный налог", "own_revenue", Decimal("1234567.89"), None, Decimal("1000000.50")),
    ]


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + os.urandom(64)


@pytest.mark.parametrize("content, name, message", [
    (PNG, "lines.csv", "This is not a CSV or XLSX file."),
    (b"\x00\x01\x02" + bytes(range(256)) * 4, "lines.csv", "This is not a CSV or XLSX file."),
    (b"PK\x03\x04 not really a zip", "lines.xlsx", "cannot be opened"),
    (b"", "lines.csv", "The file is empty."),
    ("\ufeff".encode() + b"\r\n\r\n", "lines.csv", "The file is empty."),
    (HEADER.encode(), "lines.csv", "a header row but no budget lines"),
    (b"one,two,three\r\n1,2,3\r\n", "lines.csv", "The first row must name the columns."),
])
def test_a_file_that_is_not_a_budget_table_is_refused_with_a_clear_message(staff_client, year, content, name,
                                                                             message):
    response = upload(staff_client, year, content, name)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert confirm(staff_client, year).status_code == 302
    assert BudgetLine.objects.filter(budget_year=year).count() == 0


def test_a_file_of_100_000_rows_is_refused_without_saving_anything(staff_client, year):
    row = "expenditure,7092,Сап {},,100,,\r\n"
    content = (HEADER + "".join(row.format(number) for number in range(100_000))).encode()
    response = upload(staff_client, year, content)
    assert "The file has more than 5\xa0000 lines." in response.content.decode()
    assert BudgetLine.objects.filter(budget_year=year).count() == 0


def test_an_xlsx_file_is_imported(staff_client, year):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["kind", "code", "name", "category", "planned", "amended", "executed"])
    sheet.append(["expenditure", 70823, "Китепканалар", None, 180000.5, None, 175000])
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload(staff_client, year, buffer.getvalue(), "lines.xlsx")
    confirm(staff_client, year)
    assert lines_of(year) == [("expenditure", "70823", "Китепканалар", "culture", Decimal("180000.50"), None,
                               Decimal("175000.00"))]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_an_export_imported_back_gives_the_same_lines(staff_client, year, file_format):
    source = BudgetYearFactory(year=2029)
    BudgetLineFactory(budget_year=source, kind="revenue", classification=code("13311"), category="transfers",
                      name="Теңдөөчү грант, 2029", name_ru="Выравнивающий грант, 2029",
                      planned=Decimal("6960000.00"), executed=Decimal("6960000.00"))
    BudgetLineFactory(budget_year=source, classification=code("7096"), name='Подвоз "учащихся", с; запятой',
                      planned=Decimal("250000.00"), amended=Decimal("260000.10"), executed=Decimal("259999.99"))
    BudgetLineFactory(budget_year=source, classification=code("7064"), category="housing",
                      name="Көчө жарыгы", planned=Decimal("0.01"))
    export = staff_client.get(reverse(f"budget:{file_format}", kwargs={"year": source.year}))
    assert export.status_code == 200
    response = upload(staff_client, year, export.content, f"budget.{file_format}")
    assert "Confirm and save" in response.content.decode()
    confirm(staff_client, year)
    assert lines_of(year) == lines_of(source)
    assert names_of(year) == names_of(source)
    assert ("Теңдөөчү грант, 2029", "Выравнивающий грант, 2029") in names_of(year)


def test_a_file_with_one_name_column_is_read_as_kyrgyz(staff_client, year):
    upload(staff_client, year, (HEADER + "expenditure,7092,Мектептерди оңдоо,,5,,\r\n").encode())
    confirm(staff_client, year)
    assert names_of(year) == [("Мектептерди оңдоо", "")]


def test_a_russian_name_over_its_limit_is_refused_naming_the_language(staff_client, year):
    content = ("kind,code,name_ky,name_ru,category,planned,amended,executed\r\n"
               f"expenditure,7092,Мектептер,{'ш' * 301},,5,,\r\n").encode()
    html = upload(staff_client, year, content).content.decode()
    assert "Russian: the name is longer than 300 characters." in html
    assert not BudgetLine.objects.filter(budget_year=year).exists()


def test_import_keeps_lines_with_the_same_key_and_removes_the_others(staff_client, year):
    kept = BudgetLineFactory(budget_year=year, name="Кала турган сап", planned=Decimal("1.00"))
    BudgetLineFactory(budget_year=year, name="Өчө турган сап")
    content = (HEADER + "expenditure,7092,Кала турган сап,,2,,\r\n").encode()
    upload(staff_client, year, content)
    confirm(staff_client, year)
    assert list(BudgetLine.objects.filter(budget_year=year).values_list("pk", "planned")) == [
        (kept.pk, Decimal("2.00"))]


def test_people_without_the_staff_role_cannot_import(role_clients, year):
    content = (HEADER + "expenditure,7092,Сап,,2,,\r\n").encode()
    assert upload(role_clients["anonymous"], year, content).status_code == 302
    assert upload(role_clients["no_role"], year, content).status_code == 403
    assert upload(role_clients["deputy"], year, content).status_code == 403
    assert BudgetLine.objects.filter(budget_year=year).count() == 0


def test_a_checked_file_is_saved_only_into_the_year_it_was_checked_for(staff_client, year):
    other = BudgetYearFactory(year=2031, status="draft")
    upload(staff_client, year, (HEADER + "expenditure,7092,Сап,,2,,\r\n").encode())
    response = confirm(staff_client, other)
    assert response.status_code == 302
    assert BudgetLine.objects.filter(budget_year__in=[year, other]).count() == 0
