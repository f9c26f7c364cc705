"""Text already stored with control characters (written straight to the database, as an older
version or the admin may have left it) never breaks an output: the Atom feed, the calendar,
PDFs, CSV, XLSX, the open-data ZIP, search and the pages (issue #16, item 1)."""
import io
import xml.etree.ElementTree as ET
import zipfile
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from budget.models import BudgetLine
from groups.models import InitiativeGroup
from hearings.models import Hearing, Proposal
from projects.models import FundingContribution, Project
from tests.budget.factories import BudgetLineFactory, BudgetYearFactory
from tests.groups.factories import GroupFactory
from tests.hearings.factories import HearingFactory, ProposalFactory, moment
from tests.projects.factories import ContributionFactory, ProjectFactory

pytestmark = pytest.mark.django_db

# What Word and old systems leave in pasted text: manual line break, page break, the separators,
# NEL, the Unicode line and paragraph separators, and controls that mean nothing.
DIRTY = "Бюджет\x0bугуусу\x0c\x1c\x1d\x1e\x85\u2028\u2029 \x01\x07\x1b\x7f\x9f ңөү"
BAD = set(DIRTY) - set("Бюджет угуусу ңөү")


@pytest.fixture
def dirty(db):
    """One published row of every kind with the control characters stored as is."""
    hearing = HearingFactory(state="announced", starts_at=moment(10), place="Мектеп")
    proposal = ProposalFactory(hearing=hearing, status="accepted", response="Ооба")
    year = BudgetYearFactory(year=2031)
    line = BudgetLineFactory(budget_year=year, name="Китепканалар", planned=Decimal("5.00"))
    group = GroupFactory()
    project = ProjectFactory()
    contribution = ContributionFactory(project=project, amount=Decimal("100"))
    # update(): straight to the database, past every form and model check; each language's column.
    # Every language's column: whichever language the reader (or an earlier test) has active.
    Hearing.objects.filter(pk=hearing.pk).update(**{f"{field}_{language}": DIRTY for field in ("topic", "agenda", "place")
                                                  for language in ("ky", "ru", "en")})
    Proposal.objects.filter(pk=proposal.pk).update(text=DIRTY, response_ky=DIRTY)
    BudgetLine.objects.filter(pk=line.pk).update(name_ky=DIRTY, name_ru=DIRTY)
    InitiativeGroup.objects.filter(pk=group.pk).update(name=DIRTY)
    Project.objects.filter(pk=project.pk).update(title_ky=DIRTY, title_ru=DIRTY)
    FundingContribution.objects.filter(pk=contribution.pk).update(funder_ky=DIRTY, funder_ru=DIRTY)
    return {"hearing": hearing, "year": year, "group": group, "project": project}


def assert_clean(text, where):
    assert not BAD & set(text), f"{where} carries a control character"
    assert "ңөү" in text, f"{where} lost the text around it"


def test_the_atom_feed_survives_what_is_stored(client, dirty):
    """The issue's example: one \\x0b in a topic made the feed answer 500 to every visitor."""
    response = client.get(reverse("hearings:feed"))
    assert response.status_code == 200
    ET.fromstring(response.content)  # well-formed XML
    assert_clean(response.content.decode(), "the feed")


def test_the_calendar_survives_what_is_stored(client, dirty):
    from icalendar import Calendar

    response = client.get(reverse("hearings:ics"))
    assert response.status_code == 200
    [event] = Calendar.from_ical(response.content).walk("VEVENT")
    assert_clean(str(event["SUMMARY"]), "the calendar")
    assert "Бюджет\nугуусу" in str(event["SUMMARY"])  # Word's manual line break became a line break


@pytest.mark.parametrize("name, key", [("hearings:proposals_csv", None), ("groups:csv", None),
                                       ("projects:csv", None), ("projects:funding_csv", None),
                                       ("budget:csv", "year")])
def test_every_csv_survives_what_is_stored(client, dirty, name, key):
    args = [dirty["year"].year] if key else []
    for suffix in ("", "?dialect=excel"):
        response = client.get(reverse(name, args=args) + suffix)
        assert response.status_code == 200
        assert_clean(response.content.decode("utf-8-sig"), f"{name}{suffix}")


@pytest.mark.parametrize("name, key", [("hearings:proposals_xlsx", None), ("groups:xlsx", None),
                                       ("projects:xlsx", None), ("projects:funding_xlsx", None),
                                       ("budget:xlsx", "year")])
def test_every_xlsx_survives_what_is_stored(client, dirty, name, key):
    args = [dirty["year"].year] if key else []
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    text = " ".join(str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value is not None)
    assert_clean(text, name)


@pytest.mark.parametrize("name, key", [("hearings:minutes_pdf", "hearing"), ("hearings:announcement_pdf", "hearing"),
                                       ("budget:council_pdf", "year"), ("projects:card_pdf", "project"),
                                       ("groups:card_pdf", "group")])
def test_pdfs_survive_what_is_stored(client, dirty, name, key):
    from pypdf import PdfReader

    obj = dirty[key]
    response = client.get(reverse(name, args=[obj.year if key == "year" else obj.pk]))
    assert response.status_code == 200
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert not BAD & set(text)


def test_the_open_data_zip_and_search_and_pages_survive_what_is_stored(client, dirty):
    response = client.get(reverse("portal:open_data_zip"))
    body = b"".join(response.streaming_content) if response.streaming else response.content
    archive = zipfile.ZipFile(io.BytesIO(body))
    for name in archive.namelist():
        assert not BAD & set(archive.read(name).decode("utf-8-sig")), name
    assert client.get(reverse("portal:search"), {"q": "угуусу"}).status_code == 200
    for url in (reverse("portal:home"), reverse("hearings:list"), dirty["hearing"].get_absolute_url(),
                reverse("hearings:proposals"), dirty["project"].get_absolute_url()):
        assert client.get(url).status_code == 200, url
