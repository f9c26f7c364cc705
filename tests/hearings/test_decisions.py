"""The rules of a proposal's way: a public answer for every decision, no jump from rejected to
done, and every step kept in the trail."""
import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hearings.models import ProposalStatusChange
from hearings.services import decide_proposal
from tests.hearings.factories import ProgrammeFactory, ProposalFactory

pytestmark = pytest.mark.django_db


def test_a_decision_without_a_public_answer_is_refused(staff):
    proposal = ProposalFactory()
    with pytest.raises(ValidationError) as error:
        decide_proposal(proposal, "accepted", "  ", staff)
    assert "A decided proposal needs a public answer." in str(error.value)
    proposal.refresh_from_db()
    assert proposal.status == "received"
    assert not ProposalStatusChange.objects.exists()


def test_a_rejected_proposal_cannot_be_marked_done(staff):
    proposal = ProposalFactory()
    decide_proposal(proposal, "rejected", "Каражат жок", staff)
    with pytest.raises(ValidationError):
        decide_proposal(proposal, "done", "Бүттү", staff)
    proposal.refresh_from_db()
    assert proposal.status == "rejected"


def test_every_status_change_is_recorded_with_date_and_user(staff):
    programme = ProgrammeFactory()
    # Raised at a hearing of 26.11.2021: its decisions come after it.
    proposal = ProposalFactory(hearing__starts_at=datetime.datetime(2021, 11, 26, 10, tzinfo=datetime.timezone.utc))
    decide_proposal(proposal, "under_review", "", staff, on=datetime.date(2021, 12, 1))
    decided = decide_proposal(proposal, "accepted", "Программага кирди", staff, on=datetime.date(2021, 12, 24),
                              programme=programme)
    decide_proposal(proposal, "done", "Аткарылды", staff, on=datetime.date(2023, 5, 1))
    steps = list(proposal.status_changes.values_list("from_status", "to_status", "changed_on", "changed_by"))
    assert steps == [
        ("received", "under_review", datetime.date(2021, 12, 1), staff.pk),
        ("under_review", "accepted", datetime.date(2021, 12, 24), staff.pk),
        ("accepted", "done", datetime.date(2023, 5, 1), staff.pk),
    ]
    assert decided.programme == programme and decided.decided_on == datetime.date(2021, 12, 24)
    proposal.refresh_from_db()
    assert proposal.programme == programme  # a later step without links keeps them


def test_staff_decide_through_the_page_and_see_refusals(staff_client):
    proposal = ProposalFactory(status="rejected", response="Жок",
                               hearing__starts_at=datetime.datetime(2021, 11, 26, 10, tzinfo=datetime.timezone.utc))
    url = reverse("hearings:staff_decide", args=[proposal.pk])
    response = staff_client.post(url, {"status": "done", "response_ky": "Бүттү", "decided_on": "2022-01-10"})
    assert response.status_code == 200
    assert proposal.status_changes.count() == 0
    response = staff_client.post(url, {"status": "accepted", "response_ky": "", "decided_on": "2022-01-10"})
    assert "A decided proposal needs a public answer." in response.content.decode()
    response = staff_client.post(url, {"status": "accepted", "response_ky": "Кайра каралып кабыл алынды",
                                       "decided_on": "2022-01-10"})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == "accepted"
    assert proposal.status_changes.get().to_status == "accepted"


def test_a_decision_cannot_be_dated_in_the_future(staff_client):
    proposal = ProposalFactory()
    tomorrow = datetime.date.today() + datetime.timedelta(days=2)
    response = staff_client.post(reverse("hearings:staff_decide", args=[proposal.pk]),
                                 {"status": "accepted", "response_ky": "Ооба", "decided_on": tomorrow.isoformat()})
    assert "A decision cannot be dated in the future." in response.content.decode()


def test_deputies_cannot_decide(deputy_client):
    proposal = ProposalFactory()
    assert deputy_client.post(reverse("hearings:staff_decide", args=[proposal.pk]),
                              {"status": "accepted", "response_ky": "x", "decided_on": "2022-01-01"}).status_code == 403
