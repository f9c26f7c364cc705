"""The annual participation report reproduces the seed's figures (demo data of 1-Mai AA)."""
import io

import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

pytestmark = pytest.mark.django_db


def by_kind(report):
    return {row.kind: row for row in report["current"]["hearings"]["hearing_rows"]}


def test_the_report_for_2021_shows_the_seed_figures_of_both_hearings(demo_data, client):
    with translation.override("en"):
        response = client.get(reverse("portal:annual_report", args=[2021]))
    assert response.status_code == 200
    report = response.context["report"]
    hearings = by_kind(report)
    programme, budget = hearings["programme"], hearings["budget_draft"]
    assert (programme.participants_total, programme.participants_women) == (83, 31)
    assert (programme.proposals_received, programme.proposals_from_groups, programme.proposals_taken_up) == (23, 11, 8)
    assert (budget.participants_total, budget.participants_women, budget.participants_men) == (135, 57, 78)
    assert budget.participants_from_groups == 25
    assert (budget.proposals_received, budget.proposals_taken_up) == (11, 7)
    totals = report["current"]["hearings"]
    assert (totals["hearings"], totals["participants"], totals["women"]) == (2, 218, 88)
    assert (totals["proposals"], totals["proposals_taken_up"]) == (34, 15)
    groups = report["current"]["groups"]
    assert groups["groups"] == 8
    assert groups["women_share"] > 30
    page = response.content.decode()
    for figure in ("83", "135", "218", "34"):
        assert f">{figure}<" in page or f">{figure} (" in page


def test_the_report_pdf_carries_the_same_figures(demo_data, client):
    with translation.override("en"):
        response = client.get(reverse("portal:annual_report_pdf", args=[2021]))
    assert response.status_code == 200
    text = " ".join(" ".join((page.extract_text() or "").split())
                    for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Annual participation report for 2021" in text
    assert "218" in text and "83" in text and "135" in text


@pytest.mark.parametrize("path", ["/en/report/1800/", "/en/report/3000/", "/en/report/abc/",
                                  "/en/report/99999999999999999999/", "/en/report/1800/report.pdf"])
def test_an_unknown_year_gets_a_not_found_page(client, path):
    assert client.get(path).status_code == 404


def test_the_report_index_goes_to_a_year(client, db):
    response = client.get(reverse("portal:annual_report_index"))
    assert response.status_code == 302
    assert "/report/" in response["Location"]


def test_a_deadline_years_ahead_does_not_send_the_report_index_to_a_missing_year(client):
    # Found by the bench: a five-year plan's deadlines made /report/ redirect to a 404.
    import datetime

    from django.utils import timezone

    from tests.planning.factories import ActionFactory

    ActionFactory(deadline=datetime.date(timezone.localdate().year + 4, 6, 30))
    response = client.get(reverse("portal:annual_report_index"))
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
