"""PDFs are tagged for screen readers (PDF/UA-1) and say who wrote them and what they are about
(issue #16, item 8; core/pdf.py)."""
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from core.models import Municipality
from tests.hearings.factories import HearingFactory, moment

pytestmark = pytest.mark.django_db


def test_a_hearing_pdf_is_tagged_with_its_language_author_and_subject(client, municipality):
    hearing = HearingFactory(topic="Бюджеттин долбоору боюнча угуу", state="announced", starts_at=moment(5))
    response = client.get(reverse("hearings:announcement_pdf", args=[hearing.pk]).replace("/en/", "/ky/"))
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert str(root["/Lang"]).startswith("ky")
    with_language = Municipality.objects.get(pk=Municipality.current().pk)
    assert reader.metadata.author == with_language.name_ky
    assert reader.metadata.title and reader.metadata.subject
