"""A council pack costs the same queries however many hearings and project cards it holds
(issue #18: 198 queries for a pack of 10 hearings and 20 projects)."""
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import pdf as portal_pdf
from portal.models import CouncilPack
from tests.portal import council_helpers as make
from tests.projects.factories import ContributionFactory

pytestmark = pytest.mark.django_db


def print_queries(client, count, hearing_count=None):
    pack = CouncilPack.objects.create(session=make.session(number=count))
    hearings = []
    for number in range(count if hearing_count is None else hearing_count):
        hearing = make.hearing(topic=f"Угуу {count}-{number}", starts_at=make.moment(2024, count, 1 + number))
        make.proposal(hearing, f"Сунуш {number}")
        hearings.append(hearing)
    projects = [ContributionFactory(amount=1000 * (number + 1)).project for number in range(count)]
    pack.put({"hearings": hearings, "projects": projects})
    url = reverse("portal:council_pack_pdf", args=[pack.pk])
    with mock.patch.object(portal_pdf, "html_to_pdf", return_value=b"%PDF-1.4 fake"):
        with CaptureQueriesContext(connection) as printed:
            assert client.get(url).status_code == 200
        with CaptureQueriesContext(connection) as again:
            assert client.get(url)["X-Pack-Rendered"] == "no"
    return printed.captured_queries, again.captured_queries


def test_a_pack_is_recognised_unchanged_in_the_same_queries_however_much_it_holds(deputy_client):
    """The fingerprint: one grouped aggregate per history model over all the pack's ids."""
    _printed, few = print_queries(deputy_client, 1)
    _printed, many = print_queries(deputy_client, 6)
    assert len(many) <= len(few), "\n".join(q["sql"][:150] for q in many)


def test_project_cards_cost_no_query_each(deputy_client):
    """Contributions prefetched, cash by source summed from them."""
    few, _again = print_queries(deputy_client, 1, hearing_count=2)
    many, _again = print_queries(deputy_client, 6, hearing_count=2)
    assert len(many) <= len(few), "\n".join(q["sql"][:150] for q in many)



def hearing_pack(count):
    """A pack of `count` hearings (two proposals each, one with its status trail) and one
    project card; returns its PDF's address."""
    from hearings.models import Proposal, ProposalStatusChange

    pack = CouncilPack.objects.create(session=make.session(number=100 + count))
    hearings = []
    for number in range(count):
        hearing = make.hearing(topic=f"Угуу {count}-{number}", starts_at=make.moment(2023, 1 + number, 1))
        make.proposal(hearing, f"Сунуш {count}-{number}-а", source=Proposal.Source.GROUP)
        accepted = make.proposal(hearing, f"Сунуш {count}-{number}-б", status=Proposal.Status.ACCEPTED)
        ProposalStatusChange.objects.create(proposal=accepted, to_status=Proposal.Status.ACCEPTED,
                                            changed_on=make.moment(2023, 1 + number, 15).date())
        hearings.append(hearing)
    pack.put({"hearings": hearings, "projects": [ContributionFactory(amount=1000).project]})
    return reverse("portal:council_pack_pdf", args=[pack.pk])


def html_printed(client, url):
    """The HTML the pack's PDF is rendered from."""
    rendered = []
    with mock.patch.object(portal_pdf, "html_to_pdf",
                           side_effect=lambda html: rendered.append(html) or b"%PDF-1.4 fake"):
        assert client.get(url).status_code == 200
    return rendered[0]


def test_hearing_minutes_in_a_pack_cost_no_query_each(deputy_client, django_assert_max_num_queries):
    """The proposals of every hearing (with their villages, groups and status trails) are read
    for all the pack's hearings at once, and each minutes' figures counted from them."""
    url = hearing_pack(2)
    with CaptureQueriesContext(connection) as two:
        html = html_printed(deputy_client, url)
    assert "Сунуш 2-1-б" in html and "Угуу 2-0" in html
    url = hearing_pack(6)
    with django_assert_max_num_queries(len(two.captured_queries)):
        html = html_printed(deputy_client, url)
    for number in range(6):
        assert f"Угуу 6-{number}" in html
        assert f"Сунуш 6-{number}-а" in html and f"Сунуш 6-{number}-б" in html
    assert "15.03.2023" in html  # an accepted proposal's date, from its status trail
