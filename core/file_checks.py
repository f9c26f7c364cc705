"""What an uploaded file really is, checked from its bytes before anything parses it.

- `validate_document(upload)`: a document (hearing documents, council resolutions) must be what
  its name says: a PDF starts with `%PDF-`; a JPEG or PNG is opened by Pillow and verified; Word
  and Excel files are the zip archives (.docx, .xlsx) or OLE2 compound files (.doc, .xls) they
  must be; OpenDocument files are zip archives whose `mimetype` says so. Anything else (an HTML
  page named `.pdf`, say) is refused with a message saying what is accepted.
- `check_archive(file)`: a zip archive (every office file) is refused when it would unpack into
  more than MAX_UNCOMPRESSED bytes, holds more than MAX_MEMBERS files, or one large member is
  compressed more than MAX_RATIO times (a zip bomb): all read from the archive's directory.
- `check_spreadsheet(file, max_rows, max_columns)`: the budget import's XLSX, `check_archive` plus
  the sheet's declared size, read by openpyxl in read-only mode without loading the cells.

All raise django.core.exceptions.ValidationError with a translated message.
"""
import zipfile
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_UNCOMPRESSED = 20 * 1024 * 1024   # a 5 000-line budget is 1.6 MB unpacked
MAX_MEMBERS = 200
MAX_RATIO = 100                       # office XML packs 5-20 times; zip bombs a thousand
RATIO_CHECKED_FROM = 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
OPENDOCUMENT = {".odt": b"application/vnd.oasis.opendocument.text",
                ".ods": b"application/vnd.oasis.opendocument.spreadsheet"}
OOXML = {".docx": "word/", ".xlsx": "xl/"}
IMAGES = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG"}

NOT_WHAT_IT_SAYS = _("This file is not a real %(kind)s file (its content is something else). Upload a PDF, "
                     "Word, Excel, OpenDocument file or a JPEG/PNG picture, saved by the program that made it.")
ARCHIVE_TOO_BIG = _("This file unpacks into more than %(megabytes)s MB or is built oddly; it is refused. "
                    "Save it again from Excel or LibreOffice, or split it.")
SHEET_TOO_BIG = _("The sheet is too large: at most %(rows)s rows and %(columns)s columns.")


def _rewound(file):
    binary = getattr(file, "file", file)
    binary.seek(0)
    return binary


def check_archive(file):
    """Raise ValidationError unless `file` is a zip archive of a sensible unpacked size."""
    binary = _rewound(file)
    try:
        with zipfile.ZipFile(binary) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        binary.seek(0)
        raise ValidationError(NOT_WHAT_IT_SAYS, code="content", params={"kind": "Office"}) from None
    binary.seek(0)
    total = sum(member.file_size for member in members)
    bomb = any(member.file_size > RATIO_CHECKED_FROM
               and member.file_size > MAX_RATIO * max(member.compress_size, 1) for member in members)
    if len(members) > MAX_MEMBERS or total > MAX_UNCOMPRESSED or bomb:
        raise ValidationError(ARCHIVE_TOO_BIG, code="archive",
                              params={"megabytes": MAX_UNCOMPRESSED // (1024 * 1024)})
    return members


def check_spreadsheet(file, max_rows, max_columns):
    """An XLSX checked before parsing: the archive (check_archive), then the first sheet's declared
    size (openpyxl read-only reads only its <dimension>). Cells are not loaded here. A file that
    is no zip at all passes: the reader then says it is damaged, in its own words."""
    try:
        check_archive(file)
    except ValidationError as error:
        if error.code != "content":
            raise
        return
    from openpyxl import load_workbook

    binary = _rewound(file)
    try:
        workbook = load_workbook(binary, read_only=True, data_only=True)
    except Exception:  # damaged: let the reader say so in its own words
        binary.seek(0)
        return
    try:
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        rows = getattr(sheet, "max_row", None) or 0
        columns = getattr(sheet, "max_column", None) or 0
    finally:
        workbook.close()
        binary.seek(0)
    if rows > max_rows or columns > max_columns:
        raise ValidationError(SHEET_TOO_BIG, code="sheet", params={"rows": max_rows, "columns": max_columns})


def _check_image(binary, expected_format):
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(binary) as probe:
            width, height = probe.size
            if probe.format != expected_format or width * height > MAX_IMAGE_PIXELS:
                return False
            probe.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return False
    finally:
        binary.seek(0)
    return True


def validate_document(upload):
    """Model and form validator: the file's content matches its extension (see module doc)."""
    if not upload or getattr(upload, "_committed", False):
        return  # nothing new: a file already stored was checked when it came
    extension = PurePosixPath(getattr(upload, "name", "") or "").suffix.lower()
    binary = _rewound(upload)
    head = binary.read(1024)
    binary.seek(0)
    kind = extension.lstrip(".").upper() or "?"
    if extension == ".pdf":
        good = head.startswith(b"%PDF-")
    elif extension in (".doc", ".xls"):
        good = head.startswith(OLE2)
    elif extension in IMAGES:
        good = _check_image(binary, IMAGES[extension])
    elif extension in OOXML or extension in OPENDOCUMENT:
        if not head.startswith(b"PK\x03\x04"):
            good = False
        else:
            members = check_archive(upload)  # refuses bombs with its own message
            names = {member.filename for member in members}
            if extension in OOXML:
                good = "[Content_Types].xml" in names and any(name.startswith(OOXML[extension]) for name in names)
            else:
                with zipfile.ZipFile(_rewound(upload)) as archive:
                    good = "mimetype" in names and archive.read("mimetype").strip() == OPENDOCUMENT[extension]
                binary.seek(0)
    else:
        good = False  # extensions are checked elsewhere; an unknown one is not a document we take
    if not good:
        raise ValidationError(NOT_WHAT_IT_SAYS, code="content", params={"kind": kind})
