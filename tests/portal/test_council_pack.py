"""Council session packs: deputies and staff build a pack and print it as one PDF with a cover,
a contents page whose page numbers are right, and the sections they chose."""
import io
import re
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from portal import packs
from core import pdf as portal_pdf
from portal.models import CouncilPack
from tests.portal import council_helpers as make


def pdf_pages(content):
    """The text of each page, whitespace folded (titles may wrap)."""
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(content)).pages]


def create_url(session):
    return reverse("portal:council_pack_create", args=[session.pk])


@pytest.fixture
def session(db):
    return make.session()


@pytest.mark.django_db
def test_deputy_builds_a_pack_of_seven_documents_and_gets_one_pdf_with_a_true_contents_page(demo_data, deputy_client):
    from budget.models import BudgetYear
    from hearings.models import Hearing
    from projects.models import Project

    session = make.session()
    hearings = list(Hearing.objects.published().order_by("starts_at").values_list("pk", flat=True)[:2])
    projects = list(Project.objects.published().order_by("title").values_list("pk", flat=True)[:2])
    budget = BudgetYear.objects.published().get(year=2022)
    assert len(hearings) == 2 and len(projects) == 2

    with translation.override("en"):
        response = deputy_client.post(create_url(session), {
            "title": "Budget session pack", "hearings": hearings, "projects": projects,
            "budget_year": budget.pk, "include_group_register": "on", "report_year": "2021",
        })
        assert response.status_code == 302, response.content.decode()[:2000]
        pack = CouncilPack.objects.get(session=session)
        pdf_response = deputy_client.get(reverse("portal:council_pack_pdf", args=[pack.pk]))
        sections = packs.pack_sections(pack, None)

    assert pdf_response.status_code == 200
    assert pdf_response["Content-Type"] == "application/pdf"
    assert len(sections) == 7
    pages = pdf_pages(pdf_response.content)
    cover, contents = pages[0], pages[1]
    assert "Session 12 of the aiyl kenesh (convocation 7)" in cover
    assert "Бюджетти бекитүү жөнүндө" in cover  # the agenda
    assert "Contents" in contents
    for number, section in enumerate(sections, start=1):
        heading = f"{number}. {section.title}"
        listed = re.search(re.escape(heading) + r"[\s.]*?(\d+)(?:\s|$)", contents)
        assert listed, f"{heading!r} is not in the contents: {contents!r}"
        page_number = int(listed.group(1))
        first_page = next(index + 1 for index, text in enumerate(pages) if index > 1 and heading in text)
        assert page_number == first_page, f"{heading!r}: contents say {page_number}, it starts on {first_page}"
    # The session is in the running header of the section pages, "N / M" at their foot.
    assert str(session) in pages[2] or "Session 12" in pages[2]
    assert f"3 / {len(pages)}" in pages[2]


def test_the_second_print_reuses_the_stored_pdf_until_something_in_it_changes(session, deputy_client):
    hearing = make.hearing()
    pack = CouncilPack.objects.create(session=session)
    pack.put({"hearings": [hearing]})
    url = reverse("portal:council_pack_pdf", args=[pack.pk])
    with mock.patch.object(portal_pdf, "html_to_pdf", return_value=b"%PDF-1.4 fake") as render:
        first = deputy_client.get(url)
        second = deputy_client.get(url)
        assert render.call_count == 1
        assert first.content == second.content == b"%PDF-1.4 fake"
        assert second["X-Pack-Rendered"] == "no"

        hearing.participants_total = 120
        hearing.participants_men = 80
        hearing.save()
        third = deputy_client.get(url)
        assert render.call_count == 2
        assert third["X-Pack-Rendered"] == "yes"

        make.proposal(hearing, "Көпүрөнү оңдоо")  # a new proposal of an included hearing
        deputy_client.get(url)
        assert render.call_count == 3


def test_citizens_never_reach_council_pages(session, client, no_role_user):
    pack = CouncilPack.objects.create(session=session)
    pack.put({"include_group_register": []})
    urls = [reverse("portal:council_sessions"), reverse("portal:council_session", args=[session.pk]),
            create_url(session), reverse("portal:council_pack", args=[pack.pk]),
            reverse("portal:council_pack_pdf", args=[pack.pk])]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and reverse("login") in response["Location"], url
    client.force_login(no_role_user)
    for url in urls:
        assert client.get(url).status_code == 403, url


def test_a_pack_with_nothing_in_it_is_refused_with_a_clear_message(session, deputy_client):
    with translation.override("en"):
        response = deputy_client.post(create_url(session), {"title": "Empty"})
    assert response.status_code == 200
    assert "The pack is empty" in response.content.decode()
    assert not CouncilPack.objects.exists()


def test_drafts_go_into_a_pack_only_when_asked_and_the_cover_says_so(session, deputy_client):
    draft = make.hearing(topic="Жайыт эрежелери боюнча угуу", status="draft")
    with translation.override("en"):
        refused = deputy_client.post(create_url(session), {"hearings": [draft.pk]})
        assert refused.status_code == 200
        assert "Tick “include drafts”" in refused.content.decode()
        assert not CouncilPack.objects.exists()

        accepted = deputy_client.post(create_url(session), {"hearings": [draft.pk], "include_drafts": "on"})
        assert accepted.status_code == 302
        pack = CouncilPack.objects.get()
        pages = pdf_pages(deputy_client.get(reverse("portal:council_pack_pdf", args=[pack.pk])).content)
    assert "includes drafts that are not published" in pages[0]
    assert any("Жайыт эрежелери боюнча угуу" in text for text in pages[2:])


def test_a_pack_without_the_drafts_box_prints_published_documents_only(session, deputy_client):
    published = make.hearing(topic="Ачык угуу")
    draft = make.hearing(topic="Жашыруун долбоор", status="draft")
    pack = CouncilPack.objects.create(session=session)  # saved before the hearing went back to draft
    pack.put({"hearings": [published, draft]})
    with translation.override("en"):
        pages = pdf_pages(deputy_client.get(reverse("portal:council_pack_pdf", args=[pack.pk])).content)
    text = " ".join(pages)
    assert "Ачык угуу" in text
    assert "Жашыруун долбоор" not in text
    assert "published information only" in pages[0]
