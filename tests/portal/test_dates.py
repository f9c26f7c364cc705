"""A council session's date is a date the portal can hold: 01.01.1900 is a typing error."""
import datetime
from html import unescape

import pytest
from django.urls import reverse
from django.utils import translation

from portal.models import CouncilSession

pytestmark = pytest.mark.django_db


def url(language):
    with translation.override(language):
        return reverse("portal:council_session_create")


@pytest.mark.parametrize("language,message", [
    ("ky", "1991-жылдан 2100-жылга чейинки датаны жазыңыз: жылын текшериңиз."),
    ("ru", "Укажите дату с 1991 по 2100 год: проверьте год."),
])
@pytest.mark.parametrize("date", ["1900-01-01", "2226-02-10"])
def test_an_absurd_session_date_is_refused(staff_client, language, message, date):
    response = staff_client.post(url(language), {"convocation": 7, "number": 12, "date": date, "agenda": "Бюджет"})
    assert response.status_code == 200
    assert message in unescape(response.content.decode())
    assert not CouncilSession.objects.exists()


def test_a_session_with_a_plausible_date_is_saved(staff_client):
    response = staff_client.post(url("ky"), {"convocation": 7, "number": 12, "date": "2026-12-10", "agenda": "Бюджет"})
    assert response.status_code == 302
    assert CouncilSession.objects.get().date == datetime.date(2026, 12, 10)
