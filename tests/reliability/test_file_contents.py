"""Issue #15 items 6 and 7: uploaded spreadsheets are checked before parsing (zip bombs, sheets too
large), and a document must be what its name says."""
import io
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook
from PIL import Image

from budget.models import BudgetLine
from hearings.models import HearingDocument
from tests.budget.factories import BudgetYearFactory
from tests.hearings.factories import HearingFactory

pytestmark = pytest.mark.django_db

HEADER = ["kind", "code", "name", "category", "planned", "amended", "executed"]


def workbook_bytes(rows=(("expenditure", 7092, "Мектеп", None, 1000, None, None),)):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def bomb_xlsx(rows=1_000_000):
    """A valid-looking workbook whose sheet unpacks from ~50 KB into ~30 MB of XML (the issue's
    157 KB file took 51 s and 450 MB to import)."""
    source = zipfile.ZipFile(io.BytesIO(workbook_bytes()))
    sheet = io.StringIO()
    sheet.write('<?xml version="1.0" encoding="UTF-8"?><worksheet '
                'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
    for _number in range(rows):
        sheet.write('<row><c t="n"></c></row>')  # empty rows: skipped one by one by the reader
    sheet.write("</sheetData></worksheet>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for item in source.infolist():
            data = sheet.getvalue().encode() if item.filename == "xl/worksheets/sheet1.xml" else source.read(item)
            target.writestr(item.filename, data)
    return buffer.getvalue()


def wide_xlsx():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    sheet.cell(row=2, column=200, value="x")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def import_file(client, content, name="lines.xlsx"):
    BudgetYearFactory(year=2030, status="draft")
    return client.post("/en/budget/staff/2030/import/", {"file": SimpleUploadedFile(name, content)})


class TestSpreadsheets:
    def test_a_zip_bomb_is_refused_quickly_with_a_clear_message(self, staff_client):
        content = bomb_xlsx()
        assert len(content) < 300_000
        started = time.monotonic()
        response = import_file(staff_client, content)
        assert time.monotonic() - started < 3
        assert response.status_code == 200
        assert "unpacks into more than 20 MB" in response.content.decode()
        assert not BudgetLine.objects.exists()

    def test_a_sheet_wider_than_a_budget_is_refused(self, staff_client):
        response = import_file(staff_client, wide_xlsx())
        assert "The sheet is too large: at most 5001 rows and 50 columns." in response.content.decode()

    def test_an_ordinary_workbook_still_imports(self, staff_client):
        response = import_file(staff_client, workbook_bytes())
        assert "Confirm and save" in response.content.decode()


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def odt_bytes(mimetype=b"application/vnd.oasis.opendocument.text"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", mimetype)
        archive.writestr("content.xml", "<office/>")
    return buffer.getvalue()


HTML = b"<html><script>alert(document.cookie)</script></html>"


class TestDocuments:
    def _upload(self, client, name, content):
        hearing = HearingFactory(status="draft")
        return client.post(f"/en/hearings/staff/{hearing.pk}/documents/",
                           {"title": "Документ", "title_ky": "Документ", "title_ru": "Документ",
                            "file": SimpleUploadedFile(name, content)})

    @pytest.mark.parametrize("name,content", [
        ("minutes.pdf", b"%PDF-1.7\n%..."),
        ("photo.png", None),
        ("report.docx", None),
        ("report.odt", None),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100),
        ("table.xlsx", None),
    ])
    def test_real_documents_are_accepted(self, staff_client, name, content):
        content = content or {"photo.png": png_bytes(), "report.docx": docx_bytes(), "report.odt": odt_bytes(),
                              "table.xlsx": workbook_bytes()}[name]
        response = self._upload(staff_client, name, content)
        assert response.status_code == 302, response.content.decode()[:2000]
        assert HearingDocument.objects.count() == 1

    @pytest.mark.parametrize("name,content", [
        ("minutes.pdf", HTML),
        ("photo.jpg", HTML),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + HTML),
        ("report.docx", HTML),
        ("report.docx", odt_bytes()),
        ("report.odt", odt_bytes(b"text/html")),
        ("old.doc", HTML),
        ("table.xlsx", docx_bytes()),
    ])
    def test_anything_else_is_refused_with_a_clear_message(self, staff_client, name, content):
        response = self._upload(staff_client, name, content)
        assert response.status_code == 200
        assert "is not a real" in response.content.decode()
        assert not HearingDocument.objects.exists()

    def test_an_office_zip_bomb_is_refused(self, staff_client):
        response = self._upload(staff_client, "table.xlsx", bomb_xlsx())
        assert "unpacks into more than 20 MB" in response.content.decode()
        assert not HearingDocument.objects.exists()

    def test_the_announcement_form_checks_too(self, staff_client):
        from tests.factories import VillageFactory
        from tests.hearings.factories import moment

        village = VillageFactory(name="Айры-Там")
        data = {"kind": "budget_draft", "topic": "Бюджет", "starts_at": moment(10).strftime("%Y-%m-%dT%H:%M"),
                "village": village.pk, "place": "Үй", "announced_on": "", "agenda": "1", "budget_year": "",
                "programme": "", "state": "announced", "document_title": "Күн тартиби",
                "document": SimpleUploadedFile("agenda.pdf", HTML)}
        response = staff_client.post("/en/hearings/staff/new/", data)
        assert "is not a real PDF file" in response.content.decode()
