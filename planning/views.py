"""Pages of planning: "What our villages need and what is being done" for everybody, staff
pages under /planning/staff/. Thin: the rules are in models, rules.py and services.py."""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DetailView, FormView, ListView, TemplateView, UpdateView

from planning import reports
from planning.forms import (ActionForm, ActionFormSet, NeedFormSet, PlanForm, ProgressForm, ResourceFormSet,
                            StudyForm, StudyGroupFormSet)
from planning.models import ActionPlan, NeedsStudy, PlannedAction
from planning.selectors import by_village, latest_study, ranked_needs, vote_totals
from planning.services import StaleChange, change_action_status, record_actions, save_needs_table
from core.bilingual import all_columns
from core.changes import ANY_CONTENT, cache_until_changed, models_changed, with_last_modified
from core.contributions import csv_response
from core.forms import STALE_EDIT_MESSAGE, StaleAwareFormMixin, posted_ids
from core.models import Publishable, Village
from core.pdf import pdf_response
from core.roles import StaffRequiredMixin
from core.staff_lists import StaffListFilterForm


# --- Public pages -------------------------------------------------------------------------------

# These pages gather needs, rankings, actions, their projects, budget lines, proposals and
# resolutions: kept until any of it changes (and at midnight, for "overdue"), not re-rendered for
# every unrelated change.
PLANNING_PAGE = method_decorator(cache_until_changed(ANY_CONTENT, at_least_today=True), name="dispatch")


@PLANNING_PAGE
class IndexView(TemplateView):
    """What our villages need and what is being done: the latest study's priority problems by
    village, in rank order, with each group's ranking side by side and the actions."""

    template_name = "planning/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        study = latest_study(user)
        context["study"] = study
        village = None
        if self.request.GET.get("village", "").isdigit():
            village = Village.objects.filter(pk=self.request.GET["village"]).first()
        context["village"] = village
        context["villages"] = Village.objects.all()
        if study is not None:
            groups, needs = ranked_needs(study, user, village=village)
            context.update(groups=groups, sections=by_village(needs), chart=reports.priority_chart(needs))
        # The latest plans and studies only (ten years make a hundred): the rest on their paged lists.
        context["studies"] = listed(NeedsStudy, user)[:LATEST_LISTED]
        context["plans"] = listed(ActionPlan, user)[:LATEST_LISTED]
        return context


LATEST_LISTED = 5
LISTED_COLUMNS = {NeedsStudy: ["id", "status", "title", "started_on", "finished_on"],
                  ActionPlan: ["id", "status", "title", "starts_on", "ends_on"]}


def listed(model, user):
    """The studies or plans `user` may see, newest first: only the columns the lists show."""
    return model.objects.visible_to(user).only("title", *all_columns(model, LISTED_COLUMNS[model]))


@PLANNING_PAGE
class PlanningListView(ListView):
    """Every study or every plan, newest first, a page at a time."""

    template_name = "planning/list.html"
    paginate_by = 25
    model = None
    heading = None

    def get_queryset(self):
        return listed(self.model, self.request.user)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "heading": self.heading}


@PLANNING_PAGE
class StudyView(DetailView):
    template_name = "planning/study.html"
    context_object_name = "study"

    def get_queryset(self):
        return NeedsStudy.objects.visible_to(self.request.user).prefetch_related("villages")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(reports.study_context(self.object, self.request.user))
        context["plans"] = self.object.plans.visible_to(self.request.user)
        return context


@PLANNING_PAGE
class PlanView(DetailView):
    template_name = "planning/plan.html"
    context_object_name = "plan"

    def get_queryset(self):
        return ActionPlan.objects.visible_to(self.request.user).select_related("study", "gathering", "resolution")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(reports.plan_context(self.object, self.request.user))
        return context


@PLANNING_PAGE
class ActionView(DetailView):
    """need -> action -> project -> result: the trail a citizen follows."""

    template_name = "planning/action.html"
    context_object_name = "action"

    def get_queryset(self):
        return PlannedAction.objects.visible_to(self.request.user).select_related(
            "plan", "need", "need__village", "need__study", "village")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(reports.action_context(self.object, self.request.user))
        return context


# Planning's documents show needs, actions and what carries them out (projects, budget lines,
# proposals), and whether an action is overdue changes with the date.
PLANNING_CHANGED = with_last_modified(models_changed(ANY_CONTENT, at_least_today=True))


@PLANNING_CHANGED
def study_pdf(request, pk):
    study = get_object_or_404(NeedsStudy.objects.visible_to(request.user), pk=pk)
    return pdf_response(request, "pdf/planning/study.html", reports.study_context(study, request.user),
                        filename=f"needs-study-{study.pk}.pdf")


@PLANNING_CHANGED
def plan_pdf(request, pk):
    plan = get_object_or_404(ActionPlan.objects.visible_to(request.user).select_related("study"), pk=pk)
    return pdf_response(request, "pdf/planning/plan.html", reports.plan_document_context(plan, request.user),
                        filename=f"action-plan-{plan.pk}.pdf")


@PLANNING_CHANGED
def report_pdf(request, pk):
    plan = get_object_or_404(ActionPlan.objects.visible_to(request.user).select_related("study"), pk=pk)
    return pdf_response(request, "pdf/planning/report.html", reports.plan_document_context(plan, request.user),
                        filename=f"action-plan-{plan.pk}-report.pdf")


@PLANNING_CHANGED
def needs_csv(request):
    return csv_response(reports.needs_dataset(), request)


@PLANNING_CHANGED
def actions_csv(request):
    return csv_response(reports.actions_dataset(), request)


STAFF_SECTION_SIZE = 20


# --- Staff pages --------------------------------------------------------------------------------

class StaffIndexView(StaffRequiredMixin, TemplateView):
    """Studies, plans and overdue actions, each paged (`STAFF_SECTION_SIZE` rows, its own page
    parameter) under one year and status filter, so that the page stays the same size after ten
    years of plans (issue #18)."""

    template_name = "planning/staff/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        years = sorted({day.year for day in NeedsStudy.objects.dates("finished_on", "year")}
                       | {day.year for day in ActionPlan.objects.dates("starts_on", "year")}, reverse=True)
        filter_form = StaffListFilterForm(self.request.GET or None, years=years, statuses=Publishable.Status.choices)
        year = filter_form.cleaned_data.get("year") if filter_form.is_valid() else None
        studies = filter_form.filter(NeedsStudy.objects.all(), year_lookup="finished_on__year",
                                     status_lookup="status")
        plans = filter_form.filter(ActionPlan.objects.all(), year_lookup="starts_on__year",
                                   status_lookup="status")
        overdue = PlannedAction.objects.overdue().order_by("deadline", "pk")
        if year:
            overdue = overdue.filter(deadline__year=year)
        get = self.request.GET.get
        context.update(
            filter_form=filter_form,
            studies=Paginator(studies, STAFF_SECTION_SIZE).get_page(get("studies_page")),
            plans=Paginator(plans, STAFF_SECTION_SIZE).get_page(get("plans_page")),
            overdue=Paginator(overdue, STAFF_SECTION_SIZE).get_page(get("overdue_page")),
        )
        return context


class DraftCreateView(StaffRequiredMixin, CreateView):
    """Create a study or a plan as a draft, then go on to what it needs next."""

    template_name = "planning/staff/form.html"
    saved_message = ""
    next_url_name = ""

    def form_valid(self, form):
        messages.success(self.request, self.saved_message)
        return super().form_valid(form)

    def get_success_url(self):
        return reverse(self.next_url_name, args=[self.object.pk])


class EditView(StaffRequiredMixin, StaleAwareFormMixin, UpdateView):
    """Edit a study or a plan; a stale save is refused and the other person's version shown."""

    template_name = "planning/staff/form.html"
    saved_message = ""

    def on_saved(self, form):
        messages.success(self.request, self.saved_message)
        return super().on_saved(form)

    def get_success_url(self):
        return self.object.get_absolute_url()


class StudyCreateView(DraftCreateView):
    model, form_class = NeedsStudy, StudyForm
    extra_context = {"heading": gettext_lazy("Add a joint study of needs")}
    saved_message = gettext_lazy("The study is saved as a draft. Now name the groups that ranked the problems.")
    next_url_name = "planning:staff_study_groups"


class StudyUpdateView(EditView):
    model, form_class = NeedsStudy, StudyForm
    extra_context = {"heading": gettext_lazy("Edit the study")}
    saved_message = gettext_lazy("The study is saved.")


class PlanCreateView(DraftCreateView):
    model, form_class = ActionPlan, PlanForm
    extra_context = {"heading": gettext_lazy("Add a joint action plan")}
    saved_message = gettext_lazy("The plan is saved as a draft. Now enter its actions.")
    next_url_name = "planning:staff_actions_add"


class PlanUpdateView(EditView):
    model, form_class = ActionPlan, PlanForm
    extra_context = {"heading": gettext_lazy("Edit the plan")}
    saved_message = gettext_lazy("The plan is saved.")


class StudyLookupMixin:
    """After StaffRequiredMixin in the bases: the role is checked before the study is looked up."""

    def dispatch(self, request, *args, **kwargs):
        self.study = get_object_or_404(NeedsStudy, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "study": self.study}


class PlanLookupMixin:
    def dispatch(self, request, *args, **kwargs):
        self.plan = get_object_or_404(ActionPlan.objects.select_related("study"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)


class ActionLookupMixin:
    def dispatch(self, request, *args, **kwargs):
        self.action = get_object_or_404(PlannedAction.objects.select_related("plan", "need"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)


class TablePageView(TemplateView):
    """A page that enters many rows at once in one formset table: one bad row and nothing is
    saved. Subclasses say how to build the formset and what saving it does; StaffRequiredMixin
    comes first in their bases, so the role is checked before anything is looked up."""

    def get_formset(self, data=None):
        raise NotImplementedError

    def save(self, formset):
        """Save the valid formset; return the address to go to next."""
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("formset", self.get_formset())
        return context

    def post(self, request, *args, **kwargs):
        formset = self.get_formset(request.POST)
        if not formset.is_valid():
            messages.error(request, _("Nothing was saved: correct the rows marked below."))
            return self.render_to_response(self.get_context_data(formset=formset))
        return HttpResponseRedirect(self.save(formset))


class StudyGroupsView(StaffRequiredMixin, StudyLookupMixin, TablePageView):
    """The groups that ranked (women, men, youth…) and how many took part in each."""

    template_name = "planning/staff/groups.html"

    def get_formset(self, data=None):
        return StudyGroupFormSet(data, instance=self.study)

    def save(self, formset):
        with transaction.atomic():
            formset.save()
        messages.success(self.request, _("The groups are saved."))
        return reverse("planning:staff_needs", args=[self.study.pk])


NEEDS_PER_PAGE = 15


class NeedsTableView(StaffRequiredMixin, StudyLookupMixin, TablePageView):
    """The study's problems and each group's votes in one table, a page of problems at a time
    (the page stays light however long the study); the totals above are the whole study's."""

    template_name = "planning/staff/needs.html"

    def get_formset(self, data=None):
        if data is None:
            ids = list(self.page_obj().object_list)
        else:
            # The rows that were shown, whatever was added meanwhile (pages may have shifted).
            ids = posted_ids(data, NeedFormSet.get_default_prefix(), NEEDS_PER_PAGE)
        return NeedFormSet(data, study=self.study, ids=ids, groups=self.groups())

    def groups(self):
        """The study's groups with their totals over the whole study: the columns and the table above."""
        if not hasattr(self, "_groups"):
            self._groups = vote_totals(self.study)
        return self._groups

    def page_obj(self):
        if not hasattr(self, "_page_obj"):
            ids = self.study.needs.order_by("pk").values_list("pk", flat=True)
            self._page_obj = Paginator(ids, NEEDS_PER_PAGE).get_page(self.request.GET.get("page"))
        return self._page_obj

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(page_obj=self.page_obj(), vote_totals=self.groups())
        return context

    def save(self, formset):
        saved = save_needs_table(self.study, formset.rows())
        messages.success(self.request, _("%(count)s problems saved.") % {"count": len(saved)})
        return self.study.get_absolute_url()


class ActionEntryView(StaffRequiredMixin, PlanLookupMixin, TablePageView):
    """Enter a plan's actions in one table; each starts its trail as "planned"."""

    template_name = "planning/staff/actions.html"

    def get_formset(self, data=None):
        return ActionFormSet(data, plan=self.plan)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "plan": self.plan, "recorded": self.plan.actions.count()}

    def save(self, formset):
        saved = record_actions(self.plan, formset.save(commit=False), self.request.user)
        messages.success(self.request, _("%(count)s actions saved.") % {"count": len(saved)})
        return self.plan.get_absolute_url()


class ActionUpdateView(StaffRequiredMixin, StaleAwareFormMixin, UpdateView):
    """One action with its planned resources (one row a source) and its links."""

    model = PlannedAction
    form_class = ActionForm
    template_name = "planning/staff/action_form.html"

    def get_queryset(self):
        return PlannedAction.objects.select_related("plan", "need")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("resources", ResourceFormSet(instance=self.object))
        return context

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = self.get_form()
        resources = ResourceFormSet(request.POST, instance=self.object)
        if form.is_search_step:  # a chooser's "Search" button: the page comes back, nothing saved
            return self.render_to_response(self.get_context_data(form=form, resources=resources))
        if not (form.is_valid() and resources.is_valid()):
            messages.error(request, _("Nothing was saved: correct what is marked below."))
            return self.render_to_response(self.get_context_data(form=form, resources=resources))
        with transaction.atomic():
            saved = form.save()
            if saved is None:
                return self.form_invalid(form)
            resources.save()
        messages.success(request, _("The action is saved."))
        return HttpResponseRedirect(saved.get_absolute_url())


class ActionProgressView(StaffRequiredMixin, ActionLookupMixin, FormView):
    """Mark progress: status, its date, the reason or the date it was done."""

    form_class = ProgressForm
    template_name = "planning/staff/progress.html"

    def get_initial(self):
        return {"status": self.action.status, "on": timezone.localdate(), "done_on": self.action.done_on,
                "version": self.action.version, "reason_ky": self.action.reason_ky,
                "reason_ru": self.action.reason_ru}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "action": self.action,
                "trail": self.action.status_changes.all()}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            change_action_status(
                self.action, data["status"], self.request.user, on=data["on"], done_on=data.get("done_on"),
                reason={"ky": data["reason_ky"], "ru": data["reason_ru"]},
                result={"ky": data["result_ky"], "ru": data["result_ru"]}, expected_version=data.get("version"))
        except StaleChange:
            form.add_error(None, STALE_EDIT_MESSAGE)
            return self.form_invalid(form)
        except ValidationError as error:
            # Each message under the field it is about (the date, the reason…), the rest on top.
            for field, problems in getattr(error, "message_dict", {None: error.messages}).items():
                field = {"reason": "reason_ky", "result": "result_ky"}.get(field, field)
                form.add_error(field if field in form.fields else None, problems)
            return self.form_invalid(form)
        messages.success(self.request, _("The progress is recorded."))
        return HttpResponseRedirect(self.action.get_absolute_url())
