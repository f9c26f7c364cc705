"""Every number a person types has a domain, checked in the model so that staff forms, the
import and Django admin all obey it (issue #16, item 5; core/domains.py)."""
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from core import domains
from hearings.models import Proposal
from core.models import Village
from tests.factories import VillageFactory
from tests.hearings.factories import HearingFactory, ProposalFactory, moment
from tests.projects.factories import ProjectFactory
from tests.reliability.forms import main_form

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def post_form(client, url, **changes):
    form = main_form(client.get(url).content.decode())
    data = {name: value for name, value in form["fields"].items()}
    data.update({name: str(value) for name, value in changes.items()})
    return client.post(url, data)


def test_the_issues_99_999_999_999_participants_are_refused_by_the_staff_form(staff_client):
    hearing = HearingFactory(state="held", starts_at=moment(-3))
    response = post_form(staff_client, reverse("hearings:staff_attendance", args=[hearing.pk]), state="held",
                         participants_total=99_999_999_999, participants_women="", participants_men="")
    assert response.status_code == 200
    assert "less than or equal to" in response.content.decode()
    hearing.refresh_from_db()
    assert hearing.participants_total is None


def test_participants_are_at_most_the_people_of_the_aimak_and_exactly_that_many_is_fine():
    Village.objects.all().delete()
    VillageFactory(name="Айры-Там", population=3000)
    VillageFactory(name="Ажек", population=1000)
    hearing = HearingFactory(state="held", starts_at=moment(-3), participants_women=None, participants_men=None,
                             participants_from_groups=None, participants_youth=None)
    hearing.participants_total = 4001
    with pytest.raises(ValidationError) as refused:
        hearing.full_clean()
    assert "participants_total" in refused.value.message_dict
    assert "4000" in refused.value.message_dict["participants_total"][0]
    hearing.participants_total = 4000
    hearing.full_clean()


@pytest.mark.parametrize("field", ["participants_total", "participants_women", "participants_men",
                                   "participants_from_groups", "participants_youth"])
def test_every_count_of_people_at_a_hearing_has_a_cap(field):
    hearing = HearingFactory.build(starts_at=moment(-3))
    setattr(hearing, field, domains.MAX_PEOPLE + 1)
    with pytest.raises(ValidationError) as refused:
        hearing.full_clean(exclude=["village", "budget_year", "programme"])
    assert field in refused.value.message_dict


@pytest.mark.parametrize("field", ["households", "families", "women", "men", "children", "pupils"])
def test_every_beneficiary_count_of_a_project_has_a_cap(field):
    project = ProjectFactory()
    setattr(project, field, domains.MAX_PEOPLE + 1)
    with pytest.raises(ValidationError) as refused:
        project.full_clean()
    assert field in refused.value.message_dict
    setattr(project, field, domains.MAX_PEOPLE)
    project.full_clean()


def test_the_issues_estimated_cost_of_minus_100_som_is_refused():
    proposal = ProposalFactory()
    proposal.estimated_cost = Decimal("-100")
    with pytest.raises(ValidationError) as refused:
        proposal.full_clean()
    assert refused.value.message_dict["estimated_cost"] == ["The amount cannot be negative."]
    proposal.estimated_cost = Decimal("0")
    proposal.full_clean()


def test_the_admin_obeys_the_domains_too(admin_client):
    hearing = HearingFactory(state="held", starts_at=moment(-3))
    url = reverse("admin:hearings_hearing_change", args=[hearing.pk])
    response = post_form(admin_client, url, participants_total=99_999_999_999)
    assert response.status_code == 200
    hearing.refresh_from_db()
    assert hearing.participants_total != 99_999_999_999
    proposal = ProposalFactory()
    response = post_form(admin_client, reverse("admin:hearings_proposal_change", args=[proposal.pk]),
                         estimated_cost="-100")
    assert response.status_code == 200
    assert Proposal.objects.get(pk=proposal.pk).estimated_cost != Decimal("-100")
