import datetime

from django.contrib import messages
from django.db.models import Count, Max
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.decorators import method_decorator
from django.views.generic import DeleteView, DetailView, ListView, TemplateView

from core.contributions import dataset_response
from core.changes import cache_until_changed, models_changed, with_last_modified
from core.forms import StaleAwareFormMixin
from core.pdf import pdf_response
from core.roles import StaffRequiredMixin
from core.staff_lists import StaffListMixin
from projects import services
from projects.forms import ContributionFormSet, PhotoFormSet, ProgressUpdateForm, ProjectFilterForm, ProjectForm
from projects.contributions import funding_dataset, projects_dataset
from projects.models import FundingContribution, ProgressUpdate, Project
from projects.reports import card_context, list_context, list_years, project_queryset
from projects.selectors import STALE_AFTER_DAYS

# --- Public pages ---------------------------------------------------------------------------

PROJECTS_PAGE = method_decorator(cache_until_changed(
    "projects.Project", "projects.FundingContribution", "projects.ProgressUpdate", "hearings.Proposal", "hearings.Hearing",
    "groups.InitiativeGroup", "core.Village"), name="dispatch")


@PROJECTS_PAGE
class ProjectListView(ListView):
    template_name = "projects/project_list.html"
    context_object_name = "projects"
    paginate_by = 20

    def get_queryset(self):
        self.filters = ProjectFilterForm(self.request.GET or None)
        projects = Project.objects.visible_to(self.request.user).for_list()
        return self.filters.filter(projects)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filters"] = self.filters
        context["summary"] = Project.objects.published().summary()
        context["pdf_years"] = list_years(Project.objects.visible_to(self.request.user))
        return context


@PROJECTS_PAGE
class ProjectDetailView(DetailView):
    template_name = "projects/project_detail.html"

    def get_queryset(self):
        return project_queryset(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(card_context(self.object))
        return context


PROJECTS_CHANGED = with_last_modified(models_changed(Project, FundingContribution, ProgressUpdate))


@PROJECTS_CHANGED
def project_card_pdf(request, pk):
    project = get_object_or_404(project_queryset(request.user), pk=pk)
    return pdf_response(request, "pdf/projects/card.html", card_context(project),
                        filename=f"project-{project.pk}.pdf")


@PROJECTS_CHANGED
def projects_pdf(request, year=None):
    """The projects of one year (by start), the latest unless asked: a year's PDF stays a few
    pages however many years the portal holds; the CSV has every project."""
    projects = Project.objects.visible_to(request.user)
    years = list_years(projects)
    if year is None:
        year = years[0] if years else timezone.localdate().year
    elif year not in years:
        raise Http404
    return pdf_response(request, "pdf/projects/list.html", list_context(projects, year=year, years=years),
                        filename=f"projects-{year}.pdf")


@PROJECTS_CHANGED
def projects_table(request, file_format="csv"):
    """Open data: published projects, one row each, whoever asks (CSV, Excel CSV or XLSX)."""
    return dataset_response(projects_dataset(), request, file_format)


@PROJECTS_CHANGED
def funding_table(request, file_format="csv"):
    """Open data: the funding contributions of published projects, one row each."""
    return dataset_response(funding_dataset(), request, file_format)


# --- Staff pages ----------------------------------------------------------------------------

class StaffProjectListView(StaffRequiredMixin, StaffListMixin, ListView):
    template_name = "projects/staff/project_list.html"
    context_object_name = "projects"
    date_field = "started_on"
    year_lookup = "started_on__year"

    def get_queryset(self):
        projects = Project.objects.annotate(
            contribution_count=Count("contributions", distinct=True),
            last_update=Max("updates__date"),
        ).order_by("status", "-started_on", "title")
        projects = self.filter_list(projects)
        if self.request.GET.get("quiet"):
            projects = projects.quiet_since(timezone.localdate() - datetime.timedelta(days=STALE_AFTER_DAYS))
        return projects


class ProjectFormView(StaffRequiredMixin, StaleAwareFormMixin, TemplateView):
    """Create or edit a project with its contributions and proposals, on one page, saved together.
    The project form is a VersionedModelForm: a second, stale save is refused and the other
    person's version is shown."""

    template_name = "projects/staff/project_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.object = get_object_or_404(Project, pk=kwargs["pk"]) if "pk" in kwargs else None
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = {"instance": self.object, "prefix": "project"}
        if self.request.method == "POST":
            kwargs.update(data=self.request.POST, files=self.request.FILES)
        return kwargs

    def get_formset(self, bound=True):
        kwargs = {"instance": self.object or Project(), "prefix": "contributions"}
        if bound and self.request.method == "POST":
            kwargs.update(data=self.request.POST, files=self.request.FILES)
        return ContributionFormSet(**kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", ProjectForm(**self.get_form_kwargs()))
        context["formset"] = getattr(self, "formset", None) or self.get_formset()
        context["object"] = self.object
        return context

    def post(self, request, *args, **kwargs):
        form = ProjectForm(**self.get_form_kwargs())
        self.formset = self.get_formset()
        # Validate everything first, so that one bad contribution saves nothing.
        if all([form.is_valid(), self.formset.is_valid()]):
            return self.form_valid(form)
        return self.form_invalid(form)

    def form_valid(self, form):
        project = services.save_project(form, self.formset)
        if project is None:
            return self.form_invalid(form)
        self.object = project
        messages.success(self.request, _("The project “%(title)s” is saved.") % {"title": project})
        return HttpResponseRedirect(project.get_absolute_url())

    def form_invalid(self, form):
        if getattr(form, "is_stale", False):
            self.object = Project.objects.get(pk=self.object.pk)
            self.formset = self.get_formset(bound=False)  # theirs, from the database
        return super().form_invalid(form)


class ProgressUpdateFormView(StaffRequiredMixin, TemplateView):
    """Add (or edit) a progress update with its photos, saved together."""

    template_name = "projects/staff/update_form.html"

    def dispatch(self, request, *args, **kwargs):
        if "update_pk" in kwargs:
            self.update = get_object_or_404(ProgressUpdate.objects.select_related("project"), pk=kwargs["update_pk"])
            self.project = self.update.project
        else:
            self.update = None
            self.project = get_object_or_404(Project, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def forms(self):
        bound = {"data": self.request.POST, "files": self.request.FILES} if self.request.method == "POST" else {}
        initial = {} if self.update else {"date": timezone.localdate()}
        # A new update knows its project before validation: its date is checked against the start.
        form = ProgressUpdateForm(instance=self.update or ProgressUpdate(project=self.project), initial=initial,
                                  prefix="update", **bound)
        photos = PhotoFormSet(instance=self.update or ProgressUpdate(project=self.project), prefix="photos", **bound)
        return form, photos

    def get(self, request, *args, **kwargs):
        form, photos = self.forms()
        return self.render_to_response(self.get_context_data(form=form, photos=photos))

    def post(self, request, *args, **kwargs):
        form, photos = self.forms()
        if all([form.is_valid(), photos.is_valid()]):
            services.save_progress_update(form, photos, project=self.project)
            messages.success(request, _("The progress update is saved."))
            return HttpResponseRedirect(self.project.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form, photos=photos))

    def get_context_data(self, **kwargs):
        return super().get_context_data(project=self.project, update=self.update, **kwargs)


class ProgressUpdateDeleteView(StaffRequiredMixin, DeleteView):
    model = ProgressUpdate
    template_name = "projects/staff/update_confirm_delete.html"
    context_object_name = "update"

    def get_success_url(self):
        messages.success(self.request, _("The progress update is deleted."))
        return self.object.project.get_absolute_url()

    def form_valid(self, form):
        # Delete the files too: a deleted photo must not stay reachable by its address.
        for photo in self.object.photos.all():
            photo.image.delete(save=False)
        return super().form_valid(form)
