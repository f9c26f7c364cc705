"""Dates in the wrong order are refused on the staff pages, in the reader's language, and nothing
is saved: a hearing announced after its date, a decision dated before its hearing."""
import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from hearings.models import Hearing, ProposalStatusChange
from tests.hearings.factories import HearingFactory, ProposalFactory
from tests.hearings.test_staff import hearing_data
from tests.pages import page, url

pytestmark = pytest.mark.django_db




@pytest.mark.parametrize("language,message", [
    ("ky", "Угуу өз күнүнөн (01.12.2026) кийин жарыяланышы мүмкүн эмес"),
    ("ru", "Слушание не может быть объявлено позже своей даты (01.12.2026)"),
])
def test_a_hearing_announced_after_its_date_is_refused(staff_client, language, message):
    response = staff_client.post(url("hearings:staff_create", language),
                                 hearing_data(starts_at="2026-12-01T10:00", announced_on="2026-12-20"))
    assert response.status_code == 200
    assert message in page(response)
    assert not Hearing.objects.exists()


def test_a_hearing_announced_before_its_date_is_saved(staff_client):
    response = staff_client.post(url("hearings:staff_create", "ky"),
                                 hearing_data(starts_at="2026-12-01T10:00", announced_on="2026-11-20"))
    assert response.status_code == 302
    assert Hearing.objects.get().announced_on == datetime.date(2026, 11, 20)


def test_an_absurd_hearing_date_is_refused(staff_client):
    response = staff_client.post(url("hearings:staff_create", "ky"), hearing_data(starts_at="1900-01-01T10:00"))
    assert "1991-жылдан 2100-жылга чейинки датаны жазыңыз" in page(response)
    assert not Hearing.objects.exists()


def test_a_decision_dated_before_its_hearing_is_refused(staff_client):
    proposal = ProposalFactory(hearing__starts_at=datetime.datetime(2024, 3, 15, 10, tzinfo=datetime.timezone.utc))
    decide = url("hearings:staff_decide", "ky", proposal.pk)
    response = staff_client.post(decide, {"status": "accepted", "response_ky": "Кабыл алынды",
                                          "decided_on": "2024-03-01"})
    assert response.status_code == 200
    assert "Чечим угуудан (15.03.2024) мурун кабыл алынышы мүмкүн эмес." in page(response)
    proposal.refresh_from_db()
    assert proposal.status == "received" and not ProposalStatusChange.objects.exists()

    response = staff_client.post(decide, {"status": "accepted", "response_ky": "Кабыл алынды",
                                          "decided_on": "2024-03-20"})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decided_on) == ("accepted", datetime.date(2024, 3, 20))


def test_a_hearing_saved_with_its_dates_in_the_wrong_order_is_not_published(staff_client):
    # Saved before the rule existed (straight into the database): publishing it is refused.
    hearing = HearingFactory(status="draft", published_at=None, state="announced",
                             announced_on=datetime.date(2026, 12, 20),
                             starts_at=datetime.datetime(2026, 12, 1, 10, tzinfo=datetime.timezone.utc))
    with translation.override("ky"):
        publish = reverse("portal:publish", kwargs={"model": "hearings.Hearing", "pk": hearing.pk})
    response = staff_client.post(publish, {"action": "publish"}, follow=True)
    assert "оңдолмоюнча жарыяланбайт: Угуу өз күнүнөн (01.12.2026) кийин" in page(response)
    hearing.refresh_from_db()
    assert hearing.status == "draft"

    hearing.announced_on = datetime.date(2026, 11, 20)
    hearing.save()
    staff_client.post(publish, {"action": "publish"})
    hearing.refresh_from_db()
    assert hearing.status == "published"
