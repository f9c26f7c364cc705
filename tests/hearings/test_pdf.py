"""The printed minutes and the notice-board announcement."""
import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from hearings.models import Hearing
from tests.hearings.factories import HearingFactory, ProposalFactory, moment

pytestmark = pytest.mark.django_db


def pdf_text(content):
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return re.sub(r"\s+", " ", text)


def test_the_minutes_pdf_carries_the_demo_figures(client, demo_data):
    programme = Hearing.objects.get(kind="programme", starts_at__year=2021)
    budget = Hearing.objects.get(kind="budget_draft", starts_at__year=2021)
    response = client.get(reverse("hearings:minutes_pdf", args=[programme.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "ПРОТОКОЛ" in text and "26.11.2021" in text
    assert "83 31" in text and "52" in text
    assert "received: 23; from initiative groups: 11; accepted: 8." in text
    assert programme.chair.split(" (")[0] in text
    text = pdf_text(client.get(reverse("hearings:minutes_pdf", args=[budget.pk])).content)
    assert "135 57" in text and "78 25" in text
    assert "received: 11; from initiative groups: 3; accepted: 7." in text
    assert "Китепканалардын ишин жакшыртуу" in text


def test_a_draft_hearings_minutes_are_printed_only_for_staff_and_deputies(client, deputy_client):
    hearing = HearingFactory(topic="Долбоордогу угуу", status="draft", published_at=None)
    ProposalFactory(hearing=hearing, author_name="Жашыруун Автор")
    assert client.get(reverse("hearings:minutes_pdf", args=[hearing.pk])).status_code == 404
    response = deputy_client.get(reverse("hearings:minutes_pdf", args=[hearing.pk]))
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert "Долбоордогу угуу" in text and "DRAFT" in text
    assert "Жашыруун Автор" not in text


def test_the_announcement_shows_topic_time_place_and_the_aos_contacts(client, municipality):
    hearing = HearingFactory(topic="2027-жылдын бюджети", state="announced", starts_at=moment(10, hour=10),
                             place="Маданият үйү", agenda="1. Бюджеттин долбоору")
    text = pdf_text(client.get(reverse("hearings:announcement_pdf", args=[hearing.pk])).content)
    assert "2027-жылдын бюджети" in text and "10:00" in text
    assert "Маданият үйү" in text and "Бюджеттин долбоору" in text
    assert "0777 787138" in text and "1-mai_ao@mail.ru" in text


def test_the_minutes_body_can_be_included_for_several_hearings_in_one_document(municipality):
    from django.template import engines

    from hearings.selectors import minutes_context
    from core.pdf import render_html

    first, second = HearingFactory(topic="Биринчи угуу"), HearingFactory(topic="Экинчи угуу")
    ProposalFactory(hearing=second, text="Экинчи угуунун сунушу")
    pack = engines["django"].from_string(
        '{% for item in items %}{% include "pdf/hearings/_minutes_body.html" with hearing=item.hearing '
        'figures=item.figures proposals=item.proposals %}{% endfor %}')
    html = pack.render({"items": [minutes_context(first), minutes_context(second)]})
    assert html.count("ПРОТОКОЛ ОБЩЕСТВЕННЫХ СЛУШАНИЙ") == 2
    assert html.index("Биринчи угуу") < html.index("Экинчи угуу") < html.index("Экинчи угуунун сунушу")
    assert "Биринчи угуу" in render_html("pdf/hearings/minutes.html", minutes_context(first))
