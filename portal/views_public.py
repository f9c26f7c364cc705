"""Public pages the portal assembles from every app: search, open data, the annual
participation report."""
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.views.generic import TemplateView

from core.cache import build_once, content_version
from core.changes import ANY_CONTENT, cache_until_changed, last_changed, with_last_modified
from core.pdf import pdf_response
from portal import annual_report, opendata
from portal.search import MAX_QUERY_LENGTH, search


class SearchView(TemplateView):
    template_name = "portal/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        raw = self.request.GET.get("q", "")
        context["raw_query"] = raw
        context["results"] = search(raw)
        context["truncated"] = len(raw) > MAX_QUERY_LENGTH
        context["max_length"] = MAX_QUERY_LENGTH
        return context


@method_decorator(cache_until_changed(ANY_CONTENT), name="dispatch")
class OpenDataView(TemplateView):
    template_name = "portal/open_data.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "datasets": opendata.with_first_alike(opendata.datasets())}


def open_data_zip(request):
    """Published data only, the same for everybody: built once per content version and language,
    by one worker while others wait (it reads every app's tables, in a constant number of
    queries: opendata.zip_chunks), then served from the cache."""
    if request.META.get("QUERY_STRING"):
        return HttpResponsePermanentRedirect(request.path)
    key = f"portal:open-data-zip:{get_language()}:v{content_version()}"
    content = build_once(key, lambda: opendata.zip_of_public_csv(request), 60 * 60 * 24)
    response = HttpResponse(content, content_type="application/zip")
    stamp = timezone.localdate().strftime("%Y-%m-%d")
    response["Content-Disposition"] = f'attachment; filename="open-data-{stamp}.zip"'
    return response


def report_index(request):
    return redirect("portal:annual_report", year=annual_report.latest_report_year())


def _report(year):
    if not annual_report.valid_year(year):
        raise Http404
    return annual_report.annual_report(year)


class AnnualReportView(TemplateView):
    template_name = "portal/annual_report.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["report"] = _report(kwargs["year"])
        context["years"] = annual_report.report_years()
        return context


def _report_changed(request, year):
    return last_changed("hearings.Hearing", "hearings.Proposal", "groups.InitiativeGroup", "groups.Membership",
                        "groups.Person", "projects.Project", "projects.FundingContribution", "budget.BudgetYear")


@with_last_modified(_report_changed)
def annual_report_pdf(request, year):
    return pdf_response(request, "pdf/portal/annual_report.html", {"report": _report(year)},
                        filename=f"participation-report-{year}.pdf")
