import hashlib

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.utils.decorators import method_decorator
from django.views import View
from django.views.generic import CreateView, ListView, TemplateView, UpdateView

from budget import reports, services, tabular
from budget.contributions import budget_dataset
from budget.forms import (BudgetYearForm, ClassificationForm, CompareYearsForm, ExecutionFormSet, ExecutionYearForm,
                          ImportForm, LineFilterForm, LineFormSet, NewYearForm, PublicLineFilterForm)
from budget.models import BudgetClassification, BudgetLine, BudgetYear
from core import exports
from core.contributions import csv_response
from core.forms import posted_ids
from core.changes import answer_conditionally, cache_until_changed, last_changed, models_changed, with_last_modified
from core.pdf import pdf_response
from core.roles import StaffRequiredMixin
from core.staff_lists import STAFF_PAGE_SIZE

IMPORT_SESSION_KEY = "budget-import"


def visible_year(request, year):
    """A year the visitor may see: published, or any for staff and deputies; 404 otherwise."""
    return get_object_or_404(BudgetYear.objects.visible_to(request.user).select_related(
        "approving_resolution", "execution_resolution"), year=year)


# --- Public pages

BUDGET_CHANGED = method_decorator(cache_until_changed("budget.BudgetYear", "budget.BudgetLine"), name="dispatch")


@BUDGET_CHANGED
class IndexView(ListView):
    """The published years with their totals, newest first."""

    template_name = "budget/index.html"
    context_object_name = "years"

    def get_queryset(self):
        return BudgetYear.objects.visible_to(self.request.user).with_totals().order_by("-year")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["latest"] = next((item for item in context["years"] if item.is_published), None)
        return context


@method_decorator(cache_until_changed("budget.BudgetYear", "budget.BudgetLine", "hearings.Proposal",
                                      "hearings.Hearing", "core.Village"), name="dispatch")
class YearView(TemplateView):
    """The citizen's budget of one year."""

    template_name = "budget/year.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        budget_year = visible_year(self.request, kwargs["year"])
        context.update(reports.citizen_budget(budget_year, self.request.user, proposals_shown=PROPOSALS_SHOWN))
        return context


PROPOSALS_SHOWN = 10  # on the year page; all of them, paged, on the year's proposals page
PROPOSALS_PER_PAGE = 25


@method_decorator(cache_until_changed("budget.BudgetYear", "budget.BudgetLine", "hearings.Proposal",
                                      "hearings.Hearing"), name="dispatch")
class YearProposalsView(TemplateView):
    """Every proposal from hearings taken into a year's budget, a page at a time."""

    template_name = "budget/proposals.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        budget_year = visible_year(self.request, kwargs["year"])
        page_obj = Paginator(reports.taken_proposals_query(budget_year, self.request.user),
                             PROPOSALS_PER_PAGE).get_page(self.request.GET.get("page"))
        context.update(budget_year=budget_year, page_obj=page_obj,
                       proposals=reports.with_hearing_urls(page_obj.object_list))
        return context


PUBLIC_LINES_PER_PAGE = 100


@BUDGET_CHANGED
class LinesView(TemplateView):
    """Every line of a year, a page at a time (one side or one classification section): the year
    page shows the totals; this page is as long as a page, however long the year is."""

    template_name = "budget/lines.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        budget_year = visible_year(self.request, kwargs["year"])
        filter_form = PublicLineFilterForm(self.request.GET)
        lines = filter_form.filter(budget_year.lines.select_related("classification").order_by(
            "kind", "position", "classification__code", "pk"))
        page_obj = Paginator(lines, PUBLIC_LINES_PER_PAGE).get_page(self.request.GET.get("page"))
        context.update(budget_year=budget_year, filter_form=filter_form, page_obj=page_obj,
                       line_sides=reports.lines_by_side(page_obj.object_list))
        return context


@BUDGET_CHANGED
class CompareView(TemplateView):
    """A few consecutive published years side by side (the latest by default), with links to
    the years before and after and a field to jump to any year."""

    template_name = "budget/compare.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        published = list(BudgetYear.objects.published().order_by("year"))
        form = CompareYearsForm(self.request.GET, years=published)
        years, earlier, later = reports.year_window(published, form.last_year())
        context.update(years=years, form=form, earlier=earlier, later=later)
        context["sections"] = reports.comparison(years)  # also each year's totals
        if years:
            context["chart"] = reports.expenditure_by_year_chart(years)
        return context


def _last_modified(budget_year):
    """When the year or any of its lines last changed (history tables: cheap, two queries)."""
    return last_changed(budget_year.history.all(), BudgetLine.history.filter(budget_year_id=budget_year.pk))


def _file_response(request, content, content_type, filename, last_modified):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return answer_conditionally(request, response, etag='"%s"' % hashlib.sha256(content).hexdigest()[:32],
                                last_modified=last_modified)


def year_csv(request, year):
    budget_year = visible_year(request, year)
    lines = budget_year.lines.select_related("classification").order_by("kind", "position", "classification__code", "pk")
    dialect = exports.dialect_of(request)
    content = tabular.to_csv(tabular.line_rows(lines), dialect)
    return _file_response(request, content, "text/csv; charset=utf-8",
                          exports.filename_for(f"budget-{year}.csv", dialect), _last_modified(budget_year))


@with_last_modified(models_changed("budget.BudgetYear", "budget.BudgetLine"))
def all_years_csv(request):
    """Every line of every published year in one file (the open-data ZIP holds the same)."""
    return csv_response(budget_dataset(), request)


def year_xlsx(request, year):
    budget_year = visible_year(request, year)
    lines = budget_year.lines.select_related("classification").order_by("kind", "position", "classification__code", "pk")
    content = tabular.to_xlsx(tabular.line_rows(lines), title=f"budget {year}")
    return _file_response(request, content,
                          exports.XLSX_TYPE,
                          f"budget-{year}.xlsx", _last_modified(budget_year))


def council_pdf(request, year):
    budget_year = visible_year(request, year)
    # Lines loaded by raw inserts (an old import, the benchmark's seed) left no history: then the
    # year's publication is the last change known.
    return pdf_response(request, "pdf/budget/council.html", lambda: reports.council_context(budget_year), filename=f"budget-{year}.pdf",
                        last_modified=_last_modified(budget_year) or budget_year.published_at)


def brochure_pdf(request, year):
    budget_year = visible_year(request, year)
    context = reports.citizen_budget(budget_year, request.user)
    return pdf_response(request, "pdf/budget/brochure.html", context, filename=f"citizens-budget-{year}.pdf",
                        last_modified=_last_modified(budget_year))


# --- Staff pages

class StaffYearListView(StaffRequiredMixin, ListView):
    template_name = "budget/staff/year_list.html"
    context_object_name = "years"
    paginate_by = STAFF_PAGE_SIZE

    def get_queryset(self):
        # Counted and paged without the sums: PostgreSQL summed every year's lines twice (count
        # and page, 100 ms at N=10) before taking 50 years.
        return BudgetYear.objects.order_by("-year").values_list("pk", flat=True)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["years"] = list(BudgetYear.objects.filter(pk__in=list(context["years"])).with_totals()
                                .order_by("-year"))
        return context


class StaffYearCreateView(StaffRequiredMixin, CreateView):
    form_class = NewYearForm
    template_name = "budget/staff/year_form.html"

    def form_valid(self, form):
        data = form.cleaned_data
        with transaction.atomic():
            self.object = services.create_year(year=data["year"], stage=data["stage"], copy_from=data["copy_from"],
                                               user=self.request.user)
            self.object.approving_resolution = data["approving_resolution"]
            for language in ("ky", "ru", "en"):
                setattr(self.object, f"notes_{language}", data[f"notes_{language}"])
            self.object.save()
        messages.success(self.request, _("The budget of %(year)s is created as a draft.") % {"year": self.object.year})
        return redirect("budget:staff_lines", year=self.object.year)


class StaffYearMixin(StaffRequiredMixin):
    def get_object(self, queryset=None):
        return get_object_or_404(BudgetYear, year=self.kwargs["year"])


class StaffYearUpdateView(StaffYearMixin, UpdateView):
    form_class = BudgetYearForm
    template_name = "budget/staff/year_form.html"

    def form_valid(self, form):
        self.object = form.save()
        messages.success(self.request, _("Saved."))
        return redirect("budget:staff_year", year=self.object.year)


# 25 rows of nine inputs each keep the editor under 100 KB of HTML (50 made 220 KB).
LINES_PER_PAGE = 25


EXECUTION_LINES_PER_PAGE = 50  # one input a row


class StaffLinesView(StaffYearMixin, View):
    """A page of a year's lines (25, or those of one side or classification group) in one table;
    saved all or nothing. The totals above are the whole year's."""

    template_name = "budget/staff/lines.html"
    formset_class = LineFormSet
    per_page = LINES_PER_PAGE

    def queryset(self, budget_year):
        return budget_year.lines.all()

    def page(self, budget_year):
        """This page's line ids, in the year's order: two small queries (count, ids)."""
        self.filter_form = LineFilterForm(self.request.GET)
        lines = self.filter_form.filter(budget_year.lines.order_by("kind", "position", "classification__code", "pk"))
        return Paginator(lines.values_list("pk", flat=True), self.per_page).get_page(self.request.GET.get("page"))

    def get_forms(self, budget_year, data=None):
        if data is None:
            self.page_obj = self.page(budget_year)
            ids = list(self.page_obj.object_list)
        else:
            # The rows that were shown, whatever was added elsewhere meanwhile (pages may have shifted).
            ids = posted_ids(data, self.formset_class.get_default_prefix(), self.per_page)
        lines = self.queryset(budget_year).filter(pk__in=ids)
        return {"formset": self.formset_class(data, instance=budget_year, queryset=lines)}

    def render(self, budget_year, forms, status=200):
        if not hasattr(self, "page_obj"):
            self.page_obj = self.page(budget_year)
        context = {"budget_year": budget_year, "totals": budget_year.lines.totals(), "page_obj": self.page_obj,
                   "filter_form": self.filter_form, **forms}
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, year):
        budget_year = self.get_object()
        return self.render(budget_year, self.get_forms(budget_year))

    def post(self, request, year):
        budget_year = self.get_object()
        forms = self.get_forms(budget_year, request.POST)
        if all(form.is_valid() for form in forms.values()):
            try:
                with transaction.atomic():
                    for form in forms.values():
                        form.save()
                    if forms["formset"].is_stale:
                        raise IntegrityError("stale")
            except IntegrityError:
                messages.error(request, _("Someone else changed these lines while you were editing. Nothing was "
                                          "saved: the current lines are shown; make your changes again."))
                return redirect(request.get_full_path())
            messages.success(request, _("Saved."))
            return redirect(request.get_full_path())
        if forms["formset"].is_stale:
            # A row was saved by someone else since the page was read: show the current lines.
            messages.error(request, _("Someone else changed these lines while you were editing. Nothing was "
                                      "saved: the current lines are shown; make your changes again."))
            return self.render(budget_year, self.get_forms(budget_year))
        messages.error(request, _("Nothing was saved: correct the rows marked below."))
        return self.render(budget_year, forms, status=200)


class StaffExecutionView(StaffLinesView):
    template_name = "budget/staff/execution.html"
    formset_class = ExecutionFormSet
    per_page = EXECUTION_LINES_PER_PAGE

    def queryset(self, budget_year):
        return budget_year.lines.select_related("classification")

    def get_forms(self, budget_year, data=None):
        forms = super().get_forms(budget_year, data)
        forms["year_form"] = ExecutionYearForm(data, instance=budget_year, prefix="year")
        return forms


class StaffImportView(StaffYearMixin, View):
    """Upload → the whole file checked → a preview; nothing is saved until confirmed."""

    template_name = "budget/staff/import.html"

    def get(self, request, year):
        return render(request, self.template_name, {"budget_year": self.get_object(), "form": ImportForm()})

    def post(self, request, year):
        budget_year = self.get_object()
        form = ImportForm(request.POST, request.FILES)
        context = {"budget_year": budget_year, "form": form}
        request.session.pop(IMPORT_SESSION_KEY, None)
        if form.is_valid():
            try:
                parsed = tabular.parse_file(form.cleaned_data["file"], services.current_names(budget_year))
            except tabular.FileRefused as refusal:
                form.add_error("file", str(refusal))
            else:
                if parsed.errors:
                    context["errors"] = parsed.errors
                else:
                    plan = services.import_plan(budget_year, parsed.rows)
                    if not plan["losing"]:  # nothing to confirm while links would be lost
                        request.session[IMPORT_SESSION_KEY] = {"year": budget_year.year, "rows": parsed.rows}
                    context.update(preview=parsed.rows, plan=plan, preview_totals=tabular.totals_of(parsed.rows))
        return render(request, self.template_name, context)


class StaffImportConfirmView(StaffYearMixin, View):
    def post(self, request, year):
        budget_year = self.get_object()
        pending = request.session.get(IMPORT_SESSION_KEY)
        if not pending or pending.get("year") != budget_year.year:
            messages.error(request, _("There is no checked file waiting to be imported: upload it again."))
            return redirect("budget:staff_import", year=budget_year.year)
        try:
            result = services.apply_import(budget_year, pending["rows"], user=request.user)
        except services.ImportOutdated as outdated:
            request.session.pop(IMPORT_SESSION_KEY, None)
            return render(request, StaffImportView.template_name,
                          {"budget_year": budget_year, "form": ImportForm(), "errors": outdated.errors})
        except services.ImportWouldUnlink as unlink:
            request.session.pop(IMPORT_SESSION_KEY, None)
            return render(request, StaffImportView.template_name,
                          {"budget_year": budget_year, "form": ImportForm(), "losing": unlink.losing})
        request.session.pop(IMPORT_SESSION_KEY, None)
        changes = [ngettext("%(count)s line added", "%(count)s lines added", result["added"])
                   % {"count": result["added"]},
                   ngettext("%(count)s line updated", "%(count)s lines updated", result["updated"])
                   % {"count": result["updated"]},
                   ngettext("%(count)s line removed", "%(count)s lines removed", result["removed"])
                   % {"count": result["removed"]}]
        messages.success(request, _("Imported: %(changes)s.") % {"changes": ", ".join(changes)})
        return redirect("budget:staff_lines", year=budget_year.year)


class ClassificationListView(StaffRequiredMixin, ListView):
    template_name = "budget/staff/classification_list.html"
    context_object_name = "codes"

    def get_queryset(self):
        return BudgetClassification.objects.select_related("parent")


class ClassificationCreateView(StaffRequiredMixin, CreateView):
    form_class = ClassificationForm
    template_name = "budget/staff/classification_form.html"

    def get_success_url(self):
        messages.success(self.request, _("Saved."))
        return reverse("budget:staff_classification")


class ClassificationUpdateView(StaffRequiredMixin, UpdateView):
    model = BudgetClassification
    form_class = ClassificationForm
    template_name = "budget/staff/classification_form.html"

    def get_success_url(self):
        messages.success(self.request, _("Saved."))
        return reverse("budget:staff_classification")
