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
