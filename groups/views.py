"""Pages of the initiative groups: public (published groups, figures, PDF, CSV) and staff
(everything under /staff/). Views stay thin: the figures live in selectors.py and the models'
querysets, the multi-model saves in services.py."""
import datetime

from django.contrib import messages
from django.contrib.messages.views import SuccessMessageMixin
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DetailView, FormView, ListView, TemplateView, UpdateView

from core.contributions import dataset_response
from core.changes import cache_until_changed, models_changed, with_last_modified
from core.charts import bar_chart
from core.pdf import pdf_response
from core.roles import CouncilRequiredMixin, StaffRequiredMixin
from core.templatetags.portal import format_number

from . import selectors, services
from .contributions import groups_dataset
from .forms import ActivityForm, AddMemberForm, EndMembershipForm, GroupFilterForm, GroupForm, PersonForm
from .models import WOMEN_TARGET_PERCENT, GroupActivity, InitiativeGroup, Membership, Person, name_key


# --- Public pages ---------------------------------------------------------------------------

GROUPS_PAGE = method_decorator(cache_until_changed(
    "groups.InitiativeGroup", "groups.Person", "groups.Membership", "groups.GroupActivity", "core.Village",
    "hearings.Hearing", "projects.Project"),
    name="dispatch")


GROUPS_PER_PAGE = 30


@GROUPS_PAGE
class GroupListView(ListView):
    """The groups, a page of cards at a time: a big aimak's three hundred cards cost a fresh
    rendering 30 times the bare page and an old PC 14 KB (issue #18)."""

    template_name = "groups/list.html"
    context_object_name = "groups"
    paginate_by = GROUPS_PER_PAGE

    def get_queryset(self):
        return selectors.groups_in_order(self.request.user)

    def paginate_queryset(self, queryset, page_size):
        """Every id in one narrow query (a few hundred numbers; no separate count), then the
        member counts and villages of the page's groups only."""
        paginator, page, ids, is_paginated = super().paginate_queryset(
            list(queryset.values_list("pk", flat=True)), page_size)
        rows = {group.pk: group for group in selectors.groups_for(self.request.user).filter(pk__in=ids)}
        page.object_list = [rows[pk] for pk in ids if pk in rows]
        return paginator, page, page.object_list, is_paginated

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["figures"] = selectors.member_figures()
        return context


@GROUPS_PAGE
class GroupDetailView(DetailView):
    template_name = "groups/detail.html"
    context_object_name = "group"

    def get_object(self, queryset=None):
        try:
            return selectors.group_for_page(InitiativeGroup.objects.visible_to(self.request.user), self.kwargs["pk"])
        except InitiativeGroup.DoesNotExist:
            raise Http404

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        group = self.object
        context["named_members"] = selectors.public_members_of(group)
        context["unnamed_count"] = group.member_count - group.named_count
        return context


def women_share_chart(bands):
    """`bands`: [(band of the share of women, groups)] (selectors.women_share_distribution): ten
    bars and one, however many groups there are."""
    return bar_chart(
        _("Groups by their share of women (the target: at least %(target)s %%)") % {"target": WOMEN_TARGET_PERCENT},
        bands, display=format_number, column_label=_("Share of women"), value_label=_("Groups"),
    )


@GROUPS_PAGE
class FiguresView(TemplateView):
    template_name = "groups/figures.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        figures = selectors.figures()
        context["figures"] = figures
        context["years_chart"], context["gender_chart"] = selectors.figures_charts(figures)
        context["women"] = selectors.women_share_distribution(selectors.women_shares())
        context["women_chart"] = women_share_chart(context["women"]["bands"])
        return context


GROUPS_CHANGED = with_last_modified(models_changed(InitiativeGroup, Person, Membership, GroupActivity))


@GROUPS_CHANGED
def group_card_pdf(request, pk):
    try:
        group = selectors.group_for_page(InitiativeGroup.objects.visible_to(request.user), pk)
    except InitiativeGroup.DoesNotExist:
        raise Http404
    context = {
        "group": group,
        "members": list(selectors.members_for_print(group, request.user)),
    }
    context["unnamed_count"] = group.member_count - len(context["members"])
    return pdf_response(request, "pdf/groups/card.html", context, filename=f"group-{group.pk}.pdf")


@method_decorator(GROUPS_CHANGED, name="get")
class RegisterPdfView(CouncilRequiredMixin, TemplateView):
    """The register of all groups with their figures, for council sessions."""

    def get(self, request, *args, **kwargs):
        context = selectors.register(request.user)
        return pdf_response(request, "pdf/groups/register.html", context, filename="initiative-groups.pdf")


@GROUPS_CHANGED
def groups_table(request, file_format="csv"):
    """Open data: published groups with counts only, no personal data (CSV, Excel CSV or XLSX)."""
    return dataset_response(groups_dataset(), request, file_format)


# --- Staff pages ----------------------------------------------------------------------------

def safe_next(request, default):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return default


class StaffGroupListView(StaffRequiredMixin, ListView):
    template_name = "groups/staff/list.html"
    context_object_name = "groups"
    paginate_by = 25

    def get_queryset(self):
        self.filter_form = GroupFilterForm(self.request.GET or None)
        groups = InitiativeGroup.objects.with_member_counts().prefetch_related("villages").order_by("name")
        return self.filter_form.filter(groups)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.filter_form
        return context


class GroupCreateView(StaffRequiredMixin, SuccessMessageMixin, CreateView):
    model = InitiativeGroup
    form_class = GroupForm
    template_name = "groups/staff/form.html"
    success_message = gettext_lazy("The group “%(name)s” is recorded as a draft: publish it when it is ready.")

    def get_success_url(self):
        return self.object.get_staff_url()

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "title": _("New initiative group"),
                "cancel_url": reverse("groups:staff_list")}


class GroupUpdateView(StaffRequiredMixin, SuccessMessageMixin, UpdateView):
    model = InitiativeGroup
    form_class = GroupForm
    template_name = "groups/staff/form.html"
    success_message = gettext_lazy("The group “%(name)s” is saved.")

    def get_success_url(self):
        return self.object.get_staff_url()

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs),
                "title": _("Edit the group “%(name)s”") % {"name": self.object.name},
                "cancel_url": self.object.get_staff_url()}


class StaffGroupDetailView(StaffRequiredMixin, DetailView):
    template_name = "groups/staff/detail.html"
    context_object_name = "group"

    def get_object(self, queryset=None):
        people = Membership.objects.select_related("person__village").order_by("role", "person__full_name")
        try:
            return (InitiativeGroup.objects.with_member_counts()
                    .prefetch_related("villages", Prefetch("memberships", queryset=people, to_attr="all_memberships"),
                                      Prefetch("activities", queryset=selectors._activities()))
                    .get(pk=self.kwargs["pk"]))
        except InitiativeGroup.DoesNotExist:
            raise Http404

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        memberships = self.object.all_memberships
        context["current_memberships"] = [m for m in memberships if m.left_on is None]
        context["former_memberships"] = [m for m in memberships if m.left_on is not None]
        return context


class GroupChildMixin(StaffRequiredMixin):
    """Views under /groups/staff/<pk>/…: the group comes from the URL."""

    def dispatch(self, request, *args, **kwargs):
        self.group = get_object_or_404(InitiativeGroup, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "group": self.group, "cancel_url": self.group.get_staff_url()}


class AddMemberView(GroupChildMixin, FormView):
    form_class = AddMemberForm
    template_name = "groups/staff/add_member.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "group": self.group}

    def get_initial(self):
        return {"joined_on": datetime.date.today()}

    def form_valid(self, form):
        try:
            membership = services.add_member(
                self.group, role=form.cleaned_data["role"], joined_on=form.cleaned_data["joined_on"],
                person=form.cleaned_data.get("existing_person"),
                person_data=None if form.cleaned_data.get("existing_person") else form.person_data(),
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("%(name)s is added to the group.") % {"name": membership.person.full_name})
        if "add_another" in self.request.POST:
            return HttpResponseRedirect(reverse("groups:staff_add_member", args=[self.group.pk]))
        return HttpResponseRedirect(self.group.get_staff_url())


class EndMembershipView(StaffRequiredMixin, SuccessMessageMixin, UpdateView):
    model = Membership
    form_class = EndMembershipForm
    template_name = "groups/staff/form.html"

    def get_queryset(self):
        return Membership.objects.open().select_related("person", "group")

    success_message = gettext_lazy("%(name)s has left the group “%(group)s”.")

    def get_initial(self):
        return {"left_on": datetime.date.today()}

    def get_success_message(self, cleaned_data):
        return self.success_message % {"name": self.object.person.full_name, "group": self.object.group.name}

    def get_success_url(self):
        return self.object.group.get_staff_url()

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs),
                "title": _("%(name)s leaves the group “%(group)s”")
                % {"name": self.object.person.full_name, "group": self.object.group.name},
                "cancel_url": self.object.group.get_staff_url()}


class PersonUpdateView(StaffRequiredMixin, SuccessMessageMixin, UpdateView):
    model = Person
    form_class = PersonForm
    template_name = "groups/staff/form.html"
    success_message = gettext_lazy("%(name)s is saved.")

    def get_success_message(self, cleaned_data):
        return self.success_message % {"name": self.object.full_name}

    def get_success_url(self):
        return safe_next(self.request, reverse("groups:staff_people"))

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs),
                "title": _("Edit %(name)s") % {"name": self.object.full_name},
                "next": safe_next(self.request, ""),
                "cancel_url": safe_next(self.request, reverse("groups:staff_people"))}


class StaffPeopleView(StaffRequiredMixin, ListView):
    """Everybody recorded, with their groups: to find and correct a person."""

    template_name = "groups/staff/people.html"
    context_object_name = "people"
    paginate_by = 50

    def get_queryset(self):
        people = Person.objects.select_related("village").prefetch_related(
            Prefetch("memberships", queryset=Membership.objects.select_related("group").order_by("group__name")))
        query = name_key(self.request.GET.get("q", ""))
        return people.filter(name_key__contains=query) if query else people

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "q": self.request.GET.get("q", "")}


class ActivityCreateView(GroupChildMixin, SuccessMessageMixin, CreateView):
    model = GroupActivity
    form_class = ActivityForm
    template_name = "groups/staff/form.html"
    success_message = gettext_lazy("The activity is recorded.")

    def get_form_kwargs(self):
        # The group is known before validation: the activity's date is checked against its founding.
        return {**super().get_form_kwargs(), "instance": GroupActivity(group=self.group)}

    def get_initial(self):
        return {"date": datetime.date.today()}

    def form_valid(self, form):
        form.instance.group = self.group
        return super().form_valid(form)

    def get_success_url(self):
        return self.group.get_staff_url()

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs),
                "title": _("New activity of “%(name)s”") % {"name": self.group.name}}


class ActivityUpdateView(StaffRequiredMixin, SuccessMessageMixin, UpdateView):
    model = GroupActivity
    form_class = ActivityForm
    template_name = "groups/staff/form.html"
    success_message = gettext_lazy("The activity is saved.")

    def get_queryset(self):
        return GroupActivity.objects.select_related("group")

    def get_success_url(self):
        return self.object.group.get_staff_url()

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs),
                "title": _("Edit the activity of “%(name)s”") % {"name": self.object.group.name},
                "cancel_url": self.object.group.get_staff_url()}
