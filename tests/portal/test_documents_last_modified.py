"""Every document carries Last-Modified and an ETag from its last change, so that a revalidation
is answered 304 before the document is built (issue #18: the all-years budget CSV and planning's
files built themselves again to answer one)."""
import pytest

from core.contributions import Dataset
from tests.budget.factories import BudgetLineFactory, BudgetYearFactory
from tests.planning.factories import ActionFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/ky/budget/budget.csv", "/ky/planning/needs.csv", "/ky/planning/actions.csv",
                                 "plan.pdf", "report.pdf", "summary.pdf"])
def test_a_document_is_revalidated_without_being_built(client, municipality, monkeypatch, url):
    BudgetLineFactory(budget_year=BudgetYearFactory(year=2024))
    action = ActionFactory()
    url = {"plan.pdf": f"/ky/planning/plans/{action.plan.pk}/plan.pdf",
           "report.pdf": f"/ky/planning/plans/{action.plan.pk}/report.pdf",
           "summary.pdf": f"/ky/planning/studies/{action.plan.study.pk}/summary.pdf"}.get(url, url)
    first = client.get(url)
    assert first.status_code == 200
    assert first.has_header("Last-Modified") and first.has_header("ETag")
    monkeypatch.setattr(Dataset, "__init__", lambda *args, **kwargs: pytest.fail("built for a revalidation"))
    import core.pdf
    monkeypatch.setattr(core.pdf, "html_to_pdf", lambda *args, **kwargs: pytest.fail("rendered for a revalidation"))
    for headers in ({"HTTP_IF_NONE_MATCH": first["ETag"]}, {"HTTP_IF_MODIFIED_SINCE": first["Last-Modified"]}):
        assert client.get(url, **headers).status_code == 304
