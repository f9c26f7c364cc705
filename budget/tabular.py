"""A year's lines as a table: read from CSV or XLSX (checked whole, every problem named by row and
column) and written to CSV and XLSX with the same columns, so that an export imports back as is.

Amounts are Decimal all the way: text is parsed into Decimal, XLSX numbers are taken through
their shortest text form (never float arithmetic), and the writers print Decimal's own text.
"""
import csv
import datetime
import io
import itertools
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import exports
from core.exports import unneutralise
from core.text import clean_text
from budget.models import EXPENDITURE_CATEGORIES, REVENUE_CATEGORIES, BudgetClassification, CitizenCategory, Kind
from core.file_checks import check_spreadsheet

# The line's name in Kyrgyz and in Russian; a file with one `name` column (as before) is Kyrgyz.
COLUMNS = ["kind", "code", "name_ky", "name_ru", "category", "planned", "amended", "executed"]
REQUIRED_COLUMNS = ["kind", "code", "name_ky", "planned"]
TEXT_COLUMNS = 5  # the columns before the amounts
AMOUNT_COLUMNS = ["planned", "amended", "executed"]
COLUMN_LABELS = {
    "kind": gettext_lazy("kind"),
    "code": gettext_lazy("code"),
    "name_ky": gettext_lazy("name"),
    "name_ru": gettext_lazy("name in Russian"),
    "category": gettext_lazy("category"),
    "planned": gettext_lazy("planned"),
    "amended": gettext_lazy("amended"),
    "executed": gettext_lazy("executed"),
}
MAX_ROWS = 5000
MAX_BYTES = 10 * 1024 * 1024
MAX_COLUMNS = 50
MAX_AMOUNT = Decimal("99999999999999.99")  # what BudgetLine's 16 digits, 2 places hold
NAME_LENGTH = 300
LANGUAGES = ["en", "ky", "ru"]
BINARY_SIGNATURES = [b"\x89PNG", b"%PDF", b"GIF8", b"\xff\xd8\xff", b"\xd0\xcf\x11\xe0", b"Rar!", b"\x1f\x8b",
                     b"BM", b"7z\xbc\xaf"]
SPACES = str.maketrans("", "", " \xa0\u202f\u2009\t'")


class FileRefused(Exception):
    """The file as a whole cannot be used: wrong format, empty, too big. Nothing is read further."""


@dataclass
class RowError:
    row: int
    column: str
    message: str

    @property
    def column_label(self):
        return COLUMN_LABELS.get(self.column, self.column)


@dataclass
class ParsedFile:
    rows: list = field(default_factory=list)  # clean rows: dicts of strings, ready for the session
    errors: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors and bool(self.rows)


# --- Amounts

TIYIN = Decimal("0.01")
_SCIENTIFIC = re.compile(r"[\d.,]+[eE][+-]?\d+")


def _not_a_number(value):
    """The refusal of a cell that holds no amount, naming (the start of) what it holds."""
    return ValueError(_("“%(value)s” is not a number.") % {"value": str(value)[:40]})


def parse_amount(value):
    """An amount as staff's files hold it -> Decimal in som, rounded to the tiyin; None if empty.

    Accepted: "250000", "250 000", "250000,00", "250 000,5", "250000.00", "1 250 000,50",
    "1.250,50" and "1,250.50" (both separators: the last one is the decimal one), an XLSX number
    (computed ones such as 300.29999999999995 are rounded to the tiyin, half up).
    Refused with ValueError (a message for the person who typed it): one comma or dot followed
    by exactly three digits ("250,000": 250 thousand in English Excel, 250 som in Russian),
    scientific notation ("1e9"), a date, a negative amount, more than MAX_AMOUNT."""
    if value is None:
        return None
    if isinstance(value, (datetime.date, datetime.datetime, datetime.time)):
        raise ValueError(_("This cell holds a date, not an amount: format the column as numbers in the "
                           "spreadsheet and type the amount again."))
    if isinstance(value, bool):
        raise _not_a_number(value)
    if isinstance(value, (int, float)):  # a number cell of a workbook: no separators to guess
        return _checked(Decimal(repr(value)) if isinstance(value, float) else Decimal(value))
    text = unneutralise(clean_text(str(value))).strip()
    if not text:
        return None
    compact = text.translate(SPACES)
    if compact.startswith(("−", "-")):
        raise ValueError(_("The amount cannot be negative."))
    if _SCIENTIFIC.fullmatch(compact):
        raise ValueError(_("“%(value)s” is written in scientific notation: write the amount in full, "
                           "for example 250000 or 250 000,50.") % {"value": text[:40]})
    compact = _decimal_point(compact, text)
    try:
        amount = Decimal(compact)
    except InvalidOperation:
        raise _not_a_number(text) from None
    if not amount.is_finite() or not compact.replace(".", "", 1).isdigit():
        raise _not_a_number(text)
    return _checked(amount)


def _decimal_point(compact, text):
    """The amount's digits with "." as the only separator, or ValueError when it is ambiguous."""
    commas, dots = compact.count(","), compact.count(".")
    if commas and dots:
        # "1.250,50" or "1,250.50": the separator written last is the decimal one; the other
        # must group thousands properly, or the amount is not what the person meant.
        decimal = "," if compact.rfind(",") > compact.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        whole, _sep, fraction = compact.rpartition(decimal)
        if not _grouped(whole, thousands):
            raise _not_a_number(text)
        return whole.replace(thousands, "") + "." + fraction
    separator = "," if commas else "." if dots else ""
    if not separator:
        return compact
    if compact.count(separator) > 1:
        if _grouped(compact, separator):  # "1,250,000" can only be thousands
            return compact.replace(separator, "")
        raise _not_a_number(text)
    whole, _sep, fraction = compact.partition(separator)
    if len(fraction) == 3 and len(whole) <= 3 and not whole.startswith("0"):
        raise ValueError(_ambiguous(text))
    return whole + "." + fraction


def _grouped(digits, separator):
    """'1,250,000' with ',': digits in groups of three after a first group of one to three."""
    return re.fullmatch(r"\d{1,3}(?:%s\d{3})+" % re.escape(separator), digits) is not None


def _ambiguous(text):
    return _("“%(value)s” can be read two ways (a thousands separator or a decimal point). Write thousands "
             "with spaces or without a separator (250000 or 250 000) and decimals after a comma "
             "(250000,50).") % {"value": text[:40]}


def _checked(amount):
    if not amount.is_finite():
        raise _not_a_number(amount)
    if amount < 0:
        raise ValueError(_("The amount cannot be negative."))
    if amount > MAX_AMOUNT:  # first: quantize() fails on numbers too long for the context
        raise ValueError(_("The amount is too large."))
    # Excel's binary arithmetic leaves noise such as 300.29999999999995: the tiyin is what was meant.
    return amount.quantize(TIYIN, rounding=ROUND_HALF_UP)


def amount_text(amount):
    """Decimal -> '250000.00' for files and the session; None -> ''."""
    return "" if amount is None else f"{Decimal(amount).quantize(Decimal('0.01')):f}"


# --- Reading files

def _lookup(choices):
    """Keys and their labels in every language, lower-cased -> key."""
    table = {}
    for language in LANGUAGES:
        with translation.override(language):
            for key, label in choices:
                table[str(label).strip().lower()] = key
    for key, _label in choices:
        table[key.lower()] = key
    return table


def _header_aliases():
    table = {}
    for language in LANGUAGES:
        with translation.override(language):
            for key, label in COLUMN_LABELS.items():
                table[str(label).strip().lower()] = key
    for key in COLUMNS:
        table[key] = key
    table["name"] = "name_ky"
    return table


KIND_ALIASES = {"доходы": Kind.REVENUE, "расходы": Kind.EXPENDITURE, "кирешелер": Kind.REVENUE,
                "чыгашалар": Kind.EXPENDITURE, "доход": Kind.REVENUE, "расход": Kind.EXPENDITURE}


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    # The portal's own CSV writes "'=..." for a name a spreadsheet would run as a formula.
    return unneutralise(clean_text(str(value)).strip())


def _sniff_delimiter(line):
    counts = {delimiter: line.count(delimiter) for delimiter in (";", ",", "\t")}
    return max(counts, key=counts.get) if any(counts.values()) else ","


def _limited(rows):
    """At most MAX_ROWS non-empty data rows after the header; refuse the file beyond that,
    without reading the rest of it."""
    taken = []
    for row in rows:
        if not any(_cell_text(cell) for cell in row):
            continue
        taken.append(row)
        if len(taken) > MAX_ROWS + 1:
            raise FileRefused(_("The file has more than %(limit)s lines. Split it into smaller files: "
                                "nothing was saved.") % {"limit": f"{MAX_ROWS:,}".replace(",", "\xa0")})
    return taken


def _csv_rows(binary):
    for encoding in ("utf-8-sig", "cp1251"):
        binary.seek(0)
        text = io.TextIOWrapper(binary, encoding=encoding, newline="")
        try:
            first = text.readline()
            reader = csv.reader(itertools.chain([first], text), delimiter=_sniff_delimiter(first))
            return _limited(reader)
        except UnicodeDecodeError:
            continue
        except csv.Error:
            raise FileRefused(_("The file cannot be read as a CSV table.")) from None
        finally:
            text.detach()
    raise FileRefused(_("The file's encoding is not UTF-8 or Windows-1251."))


def _xlsx_rows(binary):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(binary, read_only=True, data_only=True)
    except Exception:  # a damaged or foreign zip: openpyxl raises many kinds
        raise FileRefused(_("The file looks like an XLSX workbook but cannot be opened: it may be damaged.")) from None
    try:
        sheet = workbook.worksheets[0]
        return _limited(sheet.iter_rows(values_only=True))
    except FileRefused:
        raise
    except Exception:
        raise FileRefused(_("The file looks like an XLSX workbook but cannot be opened: it may be damaged.")) from None
    finally:
        workbook.close()


WRONG_FORMAT = gettext_lazy("This is not a CSV or XLSX file. Save the table from Excel or LibreOffice as "
                            "CSV (UTF-8 or Windows-1251) or as an Excel workbook (.xlsx).")


def read_table(upload):
    """The file's rows (header first) as lists of cells; FileRefused for a file that is not a table."""
    size = getattr(upload, "size", None)
    if size == 0:
        raise FileRefused(_("The file is empty."))
    if size and size > MAX_BYTES:
        raise FileRefused(_("The file is larger than %(size)s MB.") % {"size": MAX_BYTES // (1024 * 1024)})
    binary = upload.file if hasattr(upload, "file") else upload
    binary.seek(0)
    head = binary.read(4096)
    binary.seek(0)
    if not head:
        raise FileRefused(_("The file is empty."))
    if head.startswith(b"PK\x03\x04"):
        try:  # sizes checked before parsing (issue #15): a zip bomb never reaches openpyxl
            check_spreadsheet(binary, max_rows=MAX_ROWS + 1, max_columns=MAX_COLUMNS)
        except ValidationError as refusal:
            raise FileRefused(refusal.messages[0]) from None
        rows = _xlsx_rows(binary)
    elif any(head.startswith(signature) for signature in BINARY_SIGNATURES) or b"\x00" in head:
        raise FileRefused(str(WRONG_FORMAT))
    else:
        rows = _csv_rows(binary)
    if not rows:
        raise FileRefused(_("The file is empty."))
    return rows


def parse_file(upload, current_names=None):
    """Read and check a whole file. Returns ParsedFile; FileRefused for a file that is not a table.
    `current_names`: {code: {language: [names of the year's lines with that code]}}, see `check_rows`."""
    return check_rows(read_table(upload), current_names)


KYRGYZ_LETTERS = set("ңөүҢӨҮ")
LOSSY_ENCODING = gettext_lazy(
    "The name has lost letters (“?” or “�” instead of ң, ө, ү): the file was saved in an encoding "
    "without Kyrgyz letters (Windows-1251). Open the portal's export again and save it as "
    "“CSV UTF-8 (comma delimited)” in Excel, or as an Excel workbook (.xlsx), then upload that file.")


def lost_letters(name, current_names=()):
    """True when `name` came through a lossy encoding: it holds U+FFFD, or a "?" where a current
    name of the same code has Kyrgyz letters (Windows-1251 has no ң ө ү and writes "?")."""
    if "\ufffd" in name:
        return True
    return "?" in name and any(KYRGYZ_LETTERS & set(current) for current in current_names)


def check_rows(rows, current_names=None):
    """Check every row against the classification; collect every problem, keep nothing half-way.
    `current_names` ({code: {"ky": [names], "ru": [names]}}, the year's lines now) lets a name
    (in either language, compared with the current names in that language) that lost its Kyrgyz
    letters on the way be refused instead of replacing the right one."""
    current_names = current_names or {}
    result = ParsedFile()
    header, data = rows[0], rows[1:]
    aliases = _header_aliases()
    positions = {}
    for index, cell in enumerate(header):
        key = aliases.get(_cell_text(cell).lower())
        if key in positions:
            result.errors.append(RowError(1, key, _("The column appears twice.")))
        elif key:
            positions[key] = index
    missing = [column for column in REQUIRED_COLUMNS if column not in positions]
    if missing:
        result.errors.append(RowError(1, "", _("The first row must name the columns. Missing: %(missing)s. "
                                               "Expected: %(expected)s.") % {
            "missing": ", ".join(missing), "expected": ", ".join(COLUMNS)}))
        return result
    if not data:
        result.errors.append(RowError(1, "", _("The file has a header row but no budget lines.")))
        return result

    codes = {item.code: item for item in BudgetClassification.objects.all()}
    kinds = {**_lookup(Kind.choices), **KIND_ALIASES}
    categories = _lookup(CitizenCategory.choices)
    seen = {}
    for row_number, row in enumerate(data, start=2):
        cells = {column: _cell_text(row[index]) if index < len(row) else "" for column, index in positions.items()}
        raw = {column: row[index] if index < len(row) else None for column, index in positions.items()}
        errors = []
        clean = {column: "" for column in COLUMNS}

        kind = kinds.get(cells["kind"].lower())
        if not cells["kind"]:
            errors.append(("kind", _("The kind is missing: write revenue or expenditure.")))
        elif kind is None:
            errors.append(("kind", _("“%(value)s” is not a kind of line: write revenue or expenditure.") % {
                "value": cells["kind"][:40]}))
        else:
            clean["kind"] = str(kind)

        code = cells["code"].removesuffix(".0") if isinstance(raw["code"], float) else cells["code"]
        classification = codes.get(code)
        if not code:
            errors.append(("code", _("The classification code is missing.")))
        elif classification is None:
            errors.append(("code", _("There is no classification code “%(value)s”. Correct the code or add it "
                                     "to the classification first.") % {"value": code[:40]}))
        elif kind and classification.kind != kind:
            errors.append(("code", _("Code %(code)s belongs to the other side of the budget.") % {"code": code}))
        else:
            clean["code"] = code

        current = current_names.get(code, {})
        name = " ".join(cells["name_ky"].split())
        if not name:
            errors.append(("name_ky", _("The name in Kyrgyz is missing.")))
        elif lost_letters(name, current.get("ky", ())):
            errors.append(("name_ky", str(LOSSY_ENCODING)))
        elif len(name) > NAME_LENGTH:
            errors.append(("name_ky", _("Kyrgyz: the name is longer than %(max)s characters.") % {"max": NAME_LENGTH}))
        else:
            clean["name_ky"] = name
        name_ru = " ".join(cells.get("name_ru", "").split())
        if lost_letters(name_ru, current.get("ru", ())):
            errors.append(("name_ru", str(LOSSY_ENCODING)))
        elif len(name_ru) > NAME_LENGTH:
            errors.append(("name_ru", _("Russian: the name is longer than %(max)s characters.") % {"max": NAME_LENGTH}))
        else:
            clean["name_ru"] = name_ru

        category_text = cells.get("category", "")
        if category_text:
            category = categories.get(category_text.lower())
            allowed = REVENUE_CATEGORIES if kind == Kind.REVENUE else EXPENDITURE_CATEGORIES
            if category is None:
                errors.append(("category", _("“%(value)s” is not a category for citizens.") % {
                    "value": category_text[:40]}))
            elif kind and category not in allowed:
                errors.append(("category", _("This category belongs to the other side of the budget.")))
            else:
                clean["category"] = str(category)
        elif classification is not None:
            clean["category"] = classification.citizen_category

        for column in AMOUNT_COLUMNS:
            if column not in positions:
                continue
            try:
                amount = parse_amount(raw[column])
            except ValueError as problem:
                errors.append((column, str(problem)))
                continue
            if amount is None and column == "planned":
                errors.append((column, _("The planned amount is missing.")))
            clean[column] = amount_text(amount)

        if clean["kind"] and clean["code"] and clean["name_ky"]:
            key = (clean["kind"], clean["code"], clean["name_ky"].lower())
            if key in seen:
                errors.append(("name_ky", _("The same line (kind, code and name) is already in row %(row)s.") % {
                    "row": seen[key]}))
            else:
                seen[key] = row_number
        if errors:
            result.errors.extend(RowError(row_number, column, message) for column, message in errors)
        else:
            result.rows.append(clean)
    if result.errors:
        result.rows = []
    return result


def totals_of(rows):
    """Revenue and expenditure (plan in force) of checked rows that are not saved yet, so staff can
    compare them with the paper before confirming: Decimal from the rows' text."""
    totals = {Kind.REVENUE.value: Decimal("0.00"), Kind.EXPENDITURE.value: Decimal("0.00")}
    for row in rows:
        totals[row["kind"]] += Decimal(row["amended"] or row["planned"])
    return totals


# --- Writing files

def line_rows(lines):
    """The export's rows for an iterable of BudgetLine (select_related classification): amounts
    as Decimal, so that each dialect writes them its own way."""
    for line in lines:
        yield [line.kind, line.classification.code, line.name_ky or "", line.name_ru or "", line.category,
               line.planned, line.amended, line.executed]


def to_csv(rows, dialect=exports.MACHINE):
    """The lines as CSV of `dialect` (core.exports): what `parse_file` reads back unchanged."""
    return exports.csv_bytes(COLUMNS, rows, dialect)


def to_xlsx(rows, title="budget"):
    """The lines as one worksheet: names as text cells, amounts as numbers."""
    return exports.xlsx_bytes(COLUMNS, rows, title)
