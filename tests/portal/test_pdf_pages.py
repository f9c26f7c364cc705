"""core.pdf.html_to_pdf counts the pages while rendering (a council pack shows the count), and its
bytes go into a cache as plain bytes that any version of the code can read back."""
import io
import pickle

import pytest
from pypdf import PdfReader

from core import pdf as portal_pdf

pytestmark = pytest.mark.django_db


def test_the_rendered_pdf_knows_its_pages_and_is_cached_as_plain_bytes():
    html = portal_pdf.render_html("pdf/base.html", {}).replace(
        "</body>", "<p>Бет ң ө ү</p><p class='page-break'>2</p><p class='page-break'>3</p></body>")
    pdf = portal_pdf.html_to_pdf(html)
    assert pdf.pages == len(PdfReader(io.BytesIO(pdf)).pages) == 3
    kept = pickle.loads(pickle.dumps(pdf))
    assert type(kept) is bytes and kept == pdf
    assert b"PdfBytes" not in pickle.dumps(pdf)


def test_page_references_stay_true_as_pages_are_added():
    """The remembered page references (pydyf asked once per tagged element) follow new pages."""
    import pydyf

    document = pydyf.PDF()
    document.add_page(pydyf.Dictionary({}))
    first = document.page_references
    document.add_page(pydyf.Dictionary({}))
    assert len(first) == 1 and len(document.page_references) == 2
    assert document.page_references[1] == f"{document.pages['Kids'][3]} 0 R".encode()


def test_lists_keep_their_numbers_and_kyrgyz_letters_with_the_lighter_user_agent_sheet():
    """core.pdf renders with WeasyPrint's HTML stylesheet less its per-element ::marker and
    footnote rules: numbered lists still print their numbers, and ң ө ү print as letters."""
    from weasyprint import HTML

    assert portal_pdf._print_html() is not HTML, "WeasyPrint's stylesheet changed: see core.pdf._print_html"
    html = portal_pdf.render_html("pdf/base.html", {}).replace(
        "</body>", "<ol><li>Көпүрө ң</li><li>Өзөн ө</li><li>Үй ү</li></ol></body>")
    lines = PdfReader(io.BytesIO(portal_pdf.html_to_pdf(html))).pages[0].extract_text().splitlines()
    assert {"Көпүрө ң", "Өзөн ө", "Үй ү"} <= set(lines)
    assert {"1.", "2.", "3."} <= {line.strip() for line in lines}  # the markers (drawn after the items)


def test_streams_are_compressed_at_zlibs_default_level():
    import zlib

    import pydyf

    stream = pydyf.Stream([b"BT /F1 12 Tf (x) Tj ET"] * 500, compress=True)
    data = stream.data
    compressed = data.split(b"stream\n", 1)[1].rsplit(b"\nendstream", 1)[0]
    assert b"/FlateDecode" in data
    assert zlib.decompress(compressed) == b"\n".join([b"BT /F1 12 Tf (x) Tj ET"] * 500)
    assert pydyf.zlib.compressobj(level=9).compress(b"x") is not None  # level 9 asked, 6 given


def test_the_garbage_collector_runs_again_after_a_render_even_a_failed_one(monkeypatch):
    """core.pdf pauses Python's cyclic collector while WeasyPrint renders (its full collections
    walked millions of layout objects): it must be back on afterwards, whatever happened."""
    import gc

    seen = []
    html = portal_pdf.render_html("pdf/base.html", {}).replace("</body>", "<p>ң ө ү</p></body>")
    real = portal_pdf._print_html

    def watching():
        seen.append(gc.isenabled())
        return real()

    monkeypatch.setattr(portal_pdf, "_print_html", watching)
    assert gc.isenabled()
    portal_pdf.html_to_pdf(html)
    assert seen == [False] and gc.isenabled()

    def failing():
        raise RuntimeError("WeasyPrint failed")

    monkeypatch.setattr(portal_pdf, "_print_html", failing)
    with pytest.raises(RuntimeError):
        portal_pdf.html_to_pdf(html)
    assert gc.isenabled()


def test_a_collector_switched_off_by_someone_else_stays_off():
    import gc

    gc.disable()
    try:
        portal_pdf.html_to_pdf(portal_pdf.render_html("pdf/base.html", {}))
        assert not gc.isenabled()
    finally:
        gc.enable()
