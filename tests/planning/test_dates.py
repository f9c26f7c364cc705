"""Progress dates fall within the plan's life, and amounts planned have at most two digits of
tyiyn: refused on the staff pages in the reader's language, nothing saved."""
import datetime

import pytest
from django.utils import timezone

from planning.models import PlannedAction
from tests.planning.factories import ActionFactory
from tests.planning.test_staff import management
from tests.pages import page, url

pytestmark = pytest.mark.django_db
S = PlannedAction.Status




def progress(action, **fields):
    return {"status": "under_way", "on": "2024-06-01", "done_on": "", "version": action.version,
            "reason_ky": "", "reason_ru": "", "result_ky": "", "result_ru": "", **fields}


@pytest.mark.parametrize("language,message", [
    ("ky", "Бул күн пландын мөөнөтүнөн (01.01.2022 баштап) мурун."),
    ("ru", "Эта дата раньше срока плана (с 01.01.2022)."),
])
def test_a_progress_step_dated_years_before_the_plan_is_refused(staff_client, language, message):
    action = ActionFactory()  # its plan runs from 01.01.2022
    response = staff_client.post(url("planning:staff_action_progress", language, action.pk),
                                 progress(action, on="2015-01-01"))
    assert response.status_code == 200
    assert message in page(response)
    action.refresh_from_db()
    assert action.status == S.PLANNED and action.status_changed_on is None
    assert not action.status_changes.exists()


def test_an_action_done_before_the_plan_or_in_the_future_is_refused_and_a_right_date_saves(staff_client):
    action = ActionFactory()
    address = url("planning:staff_action_progress", "ky", action.pk)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    for done_on, message in (("2021-12-31", "Бул күн пландын мөөнөтүнөн (01.01.2022 баштап) мурун."),
                             (tomorrow.isoformat(), None)):
        response = staff_client.post(address, progress(action, status="done", on="2024-06-01", done_on=done_on,
                                                       result_ky="Бүттү"))
        assert response.status_code == 200
        if message:
            assert message in page(response)
        action.refresh_from_db()
        assert action.status == S.PLANNED and not action.status_changes.exists()

    response = staff_client.post(address, progress(action, status="done", on="2024-06-01", done_on="2024-05-30",
                                                   result_ky="Бүттү"))
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.status, action.done_on) == (S.DONE, datetime.date(2024, 5, 30))
    assert action.status_changes.get().changed_on == datetime.date(2024, 6, 1)


@pytest.mark.parametrize("language,message", [
    ("ky", "Суммалар сом менен жазылат: үтүрдөн (чекиттен) кийин эң көп 2 цифра (тыйын), мисалы 1000.55."),
    ("ru", "Суммы указываются в сомах: не больше 2 цифр после запятой (тыйыны), например 1000.55."),
])
def test_a_planned_amount_with_three_decimals_gets_one_clear_message(staff_client, language, message):
    action = ActionFactory(deadline=datetime.date(2024, 6, 30))
    data = {"need": action.need_id, "what_ky": action.what_ky, "responsible_kind": "ao", "deadline": "2024-06-30",
            "version": action.version, **management("resources", 1),
            "resources-0-source": "local_budget", "resources-0-amount": "1000.555"}
    response = staff_client.post(url("planning:staff_action_edit", language, action.pk), data)
    assert response.status_code == 200
    html = page(response)
    assert html.count(message) == 1
    assert "сандын2" not in html
    assert not action.resources.exists()

    data["resources-0-amount"] = "1000.55"
    assert staff_client.post(url("planning:staff_action_edit", language, action.pk), data).status_code == 302
    assert str(action.resources.get().amount) == "1000.55"
