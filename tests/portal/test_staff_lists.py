"""Staff lists show 50 rows a page and filter by year and status, so that ten years of
hearings, projects and proposals do not make them slow or long."""
import datetime
import re

import pytest
from django.utils import timezone

from hearings.models import Hearing, Proposal
from tests.hearings.factories import HearingFactory, ProposalFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def hearings_over(years, per_year, **kwargs):
    for year in years:
        for index in range(per_year):
            HearingFactory(starts_at=timezone.make_aware(datetime.datetime(year, 3, 1 + index % 27, 10)), **kwargs)


def test_the_hearing_list_pages_at_fifty_and_filters_by_year_and_status(staff_client, municipality):
    hearings_over([2021, 2022], 30)
    hearings_over([2023], 5, status=Hearing.Status.DRAFT, published_at=None)
    page = staff_client.get("/en/hearings/staff/").content.decode()
    assert len(re.findall(r'href="/en/hearings/staff/\d+/"', page)) == 50
    assert "Page 1 of 2" in page and "65 found." in page
    in_2022 = staff_client.get("/en/hearings/staff/?year=2022").content.decode()
    assert "30 found." in in_2022 and "Page 1 of" not in in_2022
    drafts = staff_client.get("/en/hearings/staff/?status=draft").content.decode()
    assert "5 found." in drafts
    assert staff_client.get("/en/hearings/staff/?year=1066&status=hostile").status_code == 200


def test_waiting_proposals_filter_by_year_and_status(staff_client, municipality):
    old = HearingFactory(starts_at=timezone.make_aware(datetime.datetime(2021, 3, 1, 10)))
    ProposalFactory.create_batch(3, hearing=old)
    ProposalFactory.create_batch(2, status=Proposal.Status.UNDER_REVIEW)
    assert "3 found." in staff_client.get("/en/hearings/staff/proposals/waiting/?year=2021").content.decode()
    assert "2 found." in staff_client.get(
        "/en/hearings/staff/proposals/waiting/?status=under_review").content.decode()


def test_the_project_list_filters_by_start_year(staff_client, municipality):
    ProjectFactory.create_batch(3, started_on=datetime.date(2020, 5, 1))
    ProjectFactory.create_batch(2, started_on=datetime.date(2024, 5, 1))
    assert "2 found." in staff_client.get("/en/projects/staff/?year=2024").content.decode()


@pytest.mark.parametrize("per_year", [3, 40])
def test_staff_lists_stay_flat_in_queries_and_size(staff_client, municipality, per_year, django_assert_max_num_queries):
    hearings_over([2020, 2021, 2022], per_year)
    ProjectFactory.create_batch(per_year * 2, started_on=datetime.date(2022, 5, 1))
    staff_client.get("/en/")
    for url, limit in [("/en/hearings/staff/", 9), ("/en/projects/staff/", 9),
                       ("/en/hearings/staff/proposals/waiting/", 9)]:
        with django_assert_max_num_queries(limit):
            response = staff_client.get(url)
        assert response.status_code == 200
        assert len(response.content) < 60_000, (url, len(response.content))
