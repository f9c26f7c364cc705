"""Amounts with more than two digits of tyiyn get one clear message (not Django's garbled Kyrgyz
one, not a second "the amount is required"); progress updates fall within the project's life."""
import datetime

import pytest
from django.utils import timezone

from projects.models import FundingContribution, ProgressUpdate, Project
from tests.projects.factories import ProjectFactory
from tests.projects.test_staff_forms import LOCAL, post_data
from tests.pages import page, url

pytestmark = pytest.mark.django_db




@pytest.mark.parametrize("language,message,not_required", [
    ("ky", "Суммалар сом менен жазылат: үтүрдөн (чекиттен) кийин эң көп 2 цифра (тыйын), мисалы 1000.55.",
     "Акчалай салымдын суммасы керек"),
    ("ru", "Суммы указываются в сомах: не больше 2 цифр после запятой (тыйыны), например 1000.55.",
     "Для денежного вклада нужна сумма"),
])
def test_a_funding_amount_with_three_decimals_gets_one_clear_message(staff_client, language, message,
                                                                      not_required):
    response = staff_client.post(url("projects:create", language),
                                 post_data(contributions=[{**LOCAL, "amount": "1000.555"}]))
    assert response.status_code == 200
    html = page(response)
    assert html.count(message) == 1
    assert "сандын2" not in html
    assert not_required not in html  # the model's "needs its amount" is not added to the field's error
    assert not Project.objects.exists() and not FundingContribution.objects.exists()


def test_a_funding_amount_with_two_decimals_is_saved(staff_client):
    response = staff_client.post(url("projects:create", "ky"),
                                 post_data(contributions=[{**LOCAL, "amount": "1000.55"}]))
    assert response.status_code == 302
    assert str(FundingContribution.objects.get().amount) == "1000.55"


def update_data(date):
    return {"update-date": date, "update-text_ky": "Иш башталды", "photos-TOTAL_FORMS": "0",
            "photos-INITIAL_FORMS": "0", "photos-MIN_NUM_FORMS": "0", "photos-MAX_NUM_FORMS": "12"}


@pytest.mark.parametrize("language,message", [
    ("ky", "Иштин жүрүшү тууралуу жаңылык долбоор башталганга чейин (01.03.2024) боло албайт."),
    ("ru", "Сообщение о ходе работ не может быть раньше начала проекта (01.03.2024)."),
])
def test_a_progress_update_before_the_project_started_is_refused(staff_client, language, message):
    project = ProjectFactory(started_on=datetime.date(2024, 3, 1))
    response = staff_client.post(url("projects:update_create", language, project.pk), update_data("2015-01-01"))
    assert response.status_code == 200
    assert message in page(response)
    assert not ProgressUpdate.objects.exists()


def test_a_progress_update_in_the_future_is_refused_and_one_after_the_start_is_saved(staff_client):
    project = ProjectFactory(started_on=datetime.date(2024, 3, 1))
    address = url("projects:update_create", "ky", project.pk)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = staff_client.post(address, update_data(tomorrow.isoformat()))
    assert "келечектеги күн менен белгилене албайт" in page(response)
    assert not ProgressUpdate.objects.exists()

    assert staff_client.post(address, update_data("2024-05-01")).status_code == 302
    assert ProgressUpdate.objects.get().date == datetime.date(2024, 5, 1)
