"""The one writer of every CSV and XLSX file the portal gives out (open data and staff exports).

Two CSV dialects, because the two kinds of reader disagree:
- `MACHINE`, for open data and programs: UTF-8 without a BOM, comma, dot decimals ("3300000.00"),
  dates ISO 8601 ("2021-08-20") whatever the page's language;
- `EXCEL`, for staff who open the file in Excel or LibreOffice under a Russian or Kyrgyz locale:
  UTF-8 with a BOM, ";" between cells, decimal comma ("3300000,00"), so columns split and sums work.

Whatever the dialect, a text cell that a spreadsheet would run as a formula (it starts with
= + - @, a tab or a carriage return: OWASP's "CSV injection") is written with a leading
apostrophe, and control characters already stored are cleaned (core.text). In XLSX, text is
always a text cell, never a formula; numbers are numbers and dates are dates.

Rows are lists of Python values: str (or lazy translation), int, Decimal, float, date, datetime,
bool (written "yes"/""), None (an empty cell).
"""
import csv
import datetime
import io
from dataclasses import dataclass
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone

from core.text import clean_text

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
NEUTRALISER = "'"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Dialect:
    key: str
    delimiter: str
    decimal: str
    bom: bool
    suffix: str  # added to the file's name: "budget-2024-excel.csv"


MACHINE = Dialect("machine", ",", ".", False, "")
EXCEL = Dialect("excel", ";", ",", True, "-excel")
DIALECTS = {MACHINE.key: MACHINE, EXCEL.key: EXCEL}


def neutralise(text):
    """A text a spreadsheet would read as a formula gets a leading apostrophe; others as they are.
    A plain negative number ("-5", "-1.5") is left alone: it is a number, not a formula."""
    if text and text.startswith(FORMULA_TRIGGERS) and not _is_plain_number(text):
        return NEUTRALISER + text
    return text


def unneutralise(text):
    """The reverse of `neutralise`, for imports reading the portal's own files back."""
    if isinstance(text, str) and text.startswith(NEUTRALISER) and text[1:2] and text[1] in "".join(FORMULA_TRIGGERS):
        return text[1:]
    return text


def _is_plain_number(text):
    try:
        Decimal(text)
    except Exception:
        return False
    return text.strip() == text


def _iso(value):
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).isoformat()
    return value.isoformat()


def cell_text(value, dialect=MACHINE):
    """One value as the CSV cell of `dialect` (see the module's docstring)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return _iso(value)
    if isinstance(value, (int, Decimal, float)):
        text = f"{value:f}" if isinstance(value, Decimal) else str(value)
        return text.replace(".", dialect.decimal)
    return neutralise(clean_text(str(value)))


def csv_chunks(header, rows, dialect=MACHINE, rows_per_chunk=500):
    """The file's text in pieces of about `rows_per_chunk` rows (for a streamed response or a ZIP
    member): the BOM of the dialect and the header first, CRLF line ends (RFC 4180)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=dialect.delimiter, lineterminator="\r\n")
    if dialect.bom:
        buffer.write("\ufeff")
    writer.writerow([cell_text(cell, dialect) for cell in header])
    for number, row in enumerate(rows, start=1):
        writer.writerow([cell_text(cell, dialect) for cell in row])
        if number % rows_per_chunk == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def csv_bytes(header, rows, dialect=MACHINE):
    """The whole file's bytes (see csv_chunks)."""
    return "".join(csv_chunks(header, rows, dialect)).encode("utf-8")


def xlsx_bytes(header, rows, title="data"):
    """One worksheet named `title`: a header row, then `rows`. Text cells are text (a name that
    starts with "=" stays a name), numbers are numbers, dates are dates shown as YYYY-MM-DD."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_sheet_title(title))

    def cells(row):
        for value in row:
            if value is None or isinstance(value, bool):
                yield cell_text(value)
            elif isinstance(value, (int, float, Decimal)):
                yield value
            elif isinstance(value, (datetime.date, datetime.datetime)):
                cell = WriteOnlyCell(sheet, value=_xlsx_date(value))
                cell.number_format = "yyyy-mm-dd hh:mm" if isinstance(value, datetime.datetime) else "yyyy-mm-dd"
                yield cell
            else:
                cell = WriteOnlyCell(sheet, value=clean_text(str(value)))
                cell.data_type = "s"  # openpyxl would take a leading "=" for a formula
                yield cell

    sheet.append(list(cells(header)))
    for row in rows:
        sheet.append(list(cells(row)))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_date(value):
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.make_naive(timezone.localtime(value))
    return value


def _sheet_title(title):
    # Excel refuses these characters in a sheet's name, and more than 31 of them.
    text = clean_text(str(title))
    for char in "[]:*?/\\":
        text = text.replace(char, " ")
    return text.strip()[:31] or "data"


def dialect_of(request):
    """The dialect a download asks for: `?dialect=excel` for staff's Excel, else MACHINE."""
    return DIALECTS.get(request.GET.get("dialect", ""), MACHINE)


def filename_for(filename, dialect=MACHINE):
    """'budget-2024.csv' -> 'budget-2024-excel.csv' for the Excel dialect."""
    stem, dot, extension = filename.rpartition(".")
    return f"{stem}{dialect.suffix}{dot}{extension}" if dot else filename + dialect.suffix


def xlsx_response(filename, header, rows, title="data"):
    """A download of `xlsx_bytes` named `filename`."""
    response = HttpResponse(xlsx_bytes(header, rows, title), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
