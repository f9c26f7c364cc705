"""Public pages the portal assembles from every app: search, open data, the annual
participation report."""
from django.http import FileResponse, Http404, HttpResponsePermanentRedirect
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.decorators import method_decorator
from django.utils.http import http_date
from django.views.generic import TemplateView

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
    """Published data only, the same for everybody: written once per content version and language
    to a file (opendata.open_archive), sent streamed from it. A browser asking again with either
    validator gets its 304 from the version alone (one query), without building anything."""
    if request.META.get("QUERY_STRING"):
        return HttpResponsePermanentRedirect(request.path)
    etag, changed = opendata.archive_version()
    validators = {"ETag": f'"{etag}"'}
    if changed:
        validators["Last-Modified"] = http_date(int(changed.timestamp()))
    not_modified = get_conditional_response(
        request, etag=validators["ETag"], last_modified=int(changed.timestamp()) if changed else None)
    if not_modified is not None:
        for header, value in validators.items():
            not_modified[header] = value
        return not_modified
    stamp = timezone.localdate().strftime("%Y-%m-%d")
    response = FileResponse(opendata.open_archive(request, etag), as_attachment=True,
                            filename=f"open-data-{stamp}.zip", content_type="application/zip")
    for header, value in validators.items():
        response[header] = value
    response["Cache-Control"] = "public, max-age=300"
    return response


def report_index(request):
    return redirect("portal:annual_report", year=annual_report.latest_report_year())


def _report(year, shown=None):
    if not annual_report.valid_year(year):
        raise Http404
    return annual_report.annual_report(year, shown)


@method_decorator(cache_until_changed(ANY_CONTENT), name="dispatch")  # every app has a part in it
class AnnualReportView(TemplateView):
    template_name = "portal/annual_report.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["report"] = _report(kwargs["year"], annual_report.ROWS_SHOWN)
        context["years"] = annual_report.report_years()
        return context


def _report_changed(request, year):
    # Every app contributes a part (planning's too), so any content change may change the report.
    return last_changed(ANY_CONTENT)


@with_last_modified(_report_changed)
def annual_report_pdf(request, year):
    return pdf_response(request, "pdf/portal/annual_report.html", {"report": _report(year)},
                        filename=f"participation-report-{year}.pdf")
