"""Every PDF and export carries an ETag and a Last-Modified (portal.changes): a browser asking
again for an unchanged document gets a 304, and a changed one comes back whole."""
import datetime
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date

from hearings.models import DevelopmentProgramme, Hearing, Proposal
from core import pdf as portal_pdf
from portal.models import CouncilPack
from tests.budget.factories import BudgetLineFactory, BudgetYearFactory
from tests.groups.factories import GroupFactory, MembershipFactory
from tests.hearings.factories import HearingFactory, ProposalFactory
from tests.portal import council_helpers as make
from tests.projects.factories import ContributionFactory

pytestmark = pytest.mark.django_db
FAKE_PDF = b"%PDF-1.4 fake"


@pytest.fixture
def world(municipality):
    hearing = HearingFactory()
    ProposalFactory(hearing=hearing, status="accepted", response="Кабыл алынды")
    HearingFactory(state="announced", starts_at=hearing.starts_at + datetime.timedelta(days=60))
    group = GroupFactory()
    MembershipFactory(group=group)
    contribution = ContributionFactory()
    year = BudgetYearFactory(year=2030)
    BudgetLineFactory(budget_year=year)
    return {"hearing": hearing, "group": group, "project": contribution.project, "year": year}


def documents(world):
    return [
        "/en/about/profile.pdf",
        f"/en/groups/{world['group'].pk}/card.pdf",
        "/en/groups/initiative-groups.csv",
        f"/en/hearings/{world['hearing'].pk}/minutes.pdf",
        f"/en/hearings/{world['hearing'].pk}/announcement.pdf",
        "/en/hearings/proposals.csv",
        "/en/hearings/hearings.ics",
        f"/en/projects/{world['project'].pk}/card.pdf",
        "/en/projects/projects.pdf",
        "/en/projects/projects.csv",
        "/en/budget/2030/budget.csv",
        "/en/budget/2030/council.pdf",
    ]


def test_every_document_has_validators_and_answers_304_when_unchanged(client, world):
    with mock.patch.object(portal_pdf, "html_to_pdf", return_value=FAKE_PDF):
        for url in documents(world):
            response = client.get(url)
            assert response.status_code == 200, url
            assert response.has_header("ETag") and response.has_header("Last-Modified"), url
            again = client.get(url, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
            assert again.status_code == 304, url
            by_etag = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
            assert by_etag.status_code == 304, url


def test_a_change_makes_the_document_come_back_whole(client, world):
    url = "/en/hearings/proposals.csv"
    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
    for model in (Hearing, Proposal, DevelopmentProgramme):  # everything so far was recorded an hour ago
        model.history.update(history_date=an_hour_ago)
    first = client.get(url)
    assert first["Last-Modified"] == http_date(int(an_hour_ago.timestamp()))
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    ProposalFactory(hearing=world["hearing"], status="accepted", response="Жаңы")
    later = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert later.status_code == 200 and "Жаңы" in later.content.decode("utf-8-sig")


def test_the_council_pack_is_revalidated_by_the_deputys_browser(deputy_client, world):
    pack = CouncilPack.objects.create(session=make.session())
    pack.put({"hearings": [world["hearing"]]})
    url = reverse("portal:council_pack_pdf", args=[pack.pk])
    with mock.patch.object(portal_pdf, "html_to_pdf", return_value=FAKE_PDF):
        first = deputy_client.get(url)
        assert first.has_header("ETag") and first.has_header("Last-Modified")
        assert "no-store" not in first["Cache-Control"] and "private" in first["Cache-Control"]
        assert deputy_client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
        ProposalFactory(hearing=world["hearing"])
        changed = deputy_client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
        assert changed.status_code == 200 and changed["ETag"] != first["ETag"]


@pytest.mark.parametrize("url, rows", [("/en/hearings/proposals.csv", "hearings.contributions.proposal_rows"),
                                       ("/en/projects/projects.csv", "projects.contributions.project_rows")])
def test_a_revalidation_is_answered_before_the_file_is_built(client, world, url, rows,
                                                             django_assert_max_num_queries):
    """Browsers revalidate with If-None-Match, which makes Django ignore If-Modified-Since: the
    ETag comes from the last change too, so neither validator builds the file to answer 304."""
    first = client.get(url)
    assert first.status_code == 200
    with mock.patch(rows, side_effect=AssertionError("built for a revalidation")):
        for headers in ({"HTTP_IF_NONE_MATCH": first["ETag"]}, {"HTTP_IF_MODIFIED_SINCE": first["Last-Modified"]}):
            with django_assert_max_num_queries(1):
                again = client.get(url, **headers)
            assert again.status_code == 304, headers
    excel = client.get(url + "?dialect=excel", HTTP_IF_NONE_MATCH=first["ETag"])
    assert excel.status_code == 200  # another variant, another ETag


def test_a_budget_loaded_without_history_still_has_a_last_modified(client, world):
    """Lines inserted raw (an old import, the benchmark's seed) leave no history rows: the council
    PDF then dates from the year's publication, and is still revalidated."""
    from budget.models import BudgetLine, BudgetYear

    year = world["year"]
    assert year.is_published
    BudgetYear.history.filter(id=year.pk).delete()
    BudgetLine.history.filter(budget_year_id=year.pk).delete()
    with mock.patch.object(portal_pdf, "html_to_pdf", return_value=FAKE_PDF):
        response = client.get("/en/budget/2030/council.pdf")
        assert response.status_code == 200 and response.has_header("Last-Modified")
        again = client.get("/en/budget/2030/council.pdf", HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert again.status_code == 304


def test_the_council_budget_is_revalidated_without_reading_its_lines(client, world):
    with mock.patch.object(portal_pdf, "html_to_pdf", return_value=FAKE_PDF):
        first = client.get("/en/budget/2030/council.pdf")
        with mock.patch("budget.reports.council_annexes", side_effect=AssertionError("lines read for a 304")):
            again = client.get("/en/budget/2030/council.pdf", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
