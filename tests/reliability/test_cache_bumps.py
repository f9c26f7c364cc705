"""Issue #15 item 3: only a change of content bumps the content version (and so empties every
cached page and PDF); a failed login, an anonymous POST or a session save do not."""
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from budget.models import BudgetLine
from hearings.models import Hearing
from core.cache import content_version
from tests.budget.factories import BudgetLineFactory, BudgetYearFactory
from tests.hearings.factories import HearingFactory

pytestmark = pytest.mark.django_db


def test_failed_logins_and_anonymous_posts_do_not_empty_the_cache(client, municipality, staff, monkeypatch):
    import core.pdf

    renders = []
    real = core.pdf.html_to_pdf
    monkeypatch.setattr(core.pdf, "html_to_pdf", lambda html: renders.append(1) or real(html))
    assert client.get("/en/about/profile.pdf").status_code == 200
    before = content_version()
    for _attempt in range(3):
        client.post("/en/accounts/login/", {"username": "staff-member", "password": "wrong"})
    client.post("/en/search/", {"q": "суу"})
    client.post("/en/", {"anything": "x"})
    client.post("/en/hearings/", {})
    assert content_version() == before
    assert client.get("/en/about/profile.pdf").status_code == 200
    assert len(renders) == 1


def test_logging_in_and_session_saves_do_not_bump(client, municipality, staff):
    before = content_version()
    response = client.post("/en/accounts/login/", {"username": "staff-member", "password": "secret-pass-1"})
    assert response.status_code == 302
    client.get("/en/staff/")
    client.post("/en/accounts/logout/")
    assert content_version() == before


def test_a_staff_form_with_errors_does_not_bump(staff_client, municipality):
    before = content_version()
    response = staff_client.post("/en/hearings/staff/new/", {"topic": ""})
    assert response.status_code == 200
    assert content_version() == before


def test_content_changes_bump(staff_client, municipality):
    hearing = HearingFactory(status="draft")
    version = content_version()
    staff_client.post(f"/en/staff/publish/hearings.Hearing/{hearing.pk}/", {"action": "publish"})
    assert Hearing.objects.get().status == "published"
    assert content_version() > version

    version = content_version()
    Hearing.objects.get().delete()
    assert content_version() > version


def test_budget_import_bumps_although_bulk_writes_send_no_signal(staff_client, municipality):
    year = BudgetYearFactory(year=2030, status="published")
    BudgetLineFactory(budget_year=year, name="Кала турган сап", planned=Decimal("1.00"))
    header = "kind,code,name,category,planned,amended,executed\r\n"
    content = (header + "expenditure,7092,Кала турган сап,,2,,\r\n").encode()
    staff_client.post("/en/budget/staff/2030/import/", {"file": SimpleUploadedFile("l.csv", content)})
    version = content_version()
    staff_client.post("/en/budget/staff/2030/import/confirm/")
    assert BudgetLine.objects.get().planned == Decimal("2.00")
    assert content_version() > version
