"""Pages of the hearings app: public pages for everybody, staff pages under /staff/."""
import hashlib

from django.contrib import messages
from django.contrib.messages.views import SuccessMessageMixin
from django.contrib.syndication.views import Feed
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html, format_html_join
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import ngettext
from django.utils.decorators import method_decorator
from django.views.generic import CreateView, DetailView, FormView, ListView, TemplateView, UpdateView

from core.contributions import dataset_response
from core.text import clean_text
from hearings import calendar
from hearings.contributions import proposals_dataset
from hearings.forms import (AttendanceForm, DecisionForm, DocumentForm, HearingForm, ProgrammeForm,
                            ProposalFilterForm, ProposalFormSet)
from hearings.models import DevelopmentProgramme, Hearing, HearingDocument, Proposal
from hearings.selectors import minutes_context
from hearings.services import StaleDecision, decide_proposal, record_proposals
from core.changes import cache_until_changed, models_changed, with_last_modified
from core.forms import STALE_EDIT_MESSAGE, StaleAwareFormMixin
from core.models import Municipality
from core.pdf import pdf_response
from core.roles import StaffRequiredMixin
from core.staff_lists import StaffListMixin

PROPOSALS_PER_PAGE = 25


def hearings_for(user):
    return Hearing.objects.visible_to(user).select_related("village")


# --- Public pages -------------------------------------------------------------------------------

@method_decorator(cache_until_changed("hearings.Hearing", "hearings.Proposal", "core.Village",
                                      at_least_today=True), name="dispatch")
class HearingListView(TemplateView):
    template_name = "hearings/hearing_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        hearings = hearings_for(self.request.user).with_proposal_counts()
        context["upcoming"] = list(hearings.upcoming())
        # Past hearings pile up over the years: a page at a time.
        page = Paginator(hearings.past().order_by("-starts_at"), 20).get_page(self.request.GET.get("page"))
        context["page_obj"] = page
        context["past"] = page.object_list
        return context


# Not the hearing's own page nor the documents list: documents keep no history, so a new one
# would not show until the kept page expired.
PROGRAMME_PAGE = method_decorator(cache_until_changed(
    "hearings.Hearing", "hearings.Proposal", "hearings.DevelopmentProgramme", "groups.InitiativeGroup",
    "budget.BudgetLine", "projects.Project", "core.Village", "core.CouncilResolution"), name="dispatch")


class HearingDetailView(DetailView):
    template_name = "hearings/hearing_detail.html"
    context_object_name = "hearing"

    def get_queryset(self):
        return hearings_for(self.request.user).select_related("programme", "budget_year")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        proposals = self.object.proposals.for_display()
        context["figures"] = self.object.proposals.figures()
        context["proposals"] = proposals
        context["documents"] = self.object.documents.all()
        return context


@method_decorator(cache_until_changed(
    "hearings.Proposal", "hearings.Hearing", "hearings.DevelopmentProgramme", "groups.InitiativeGroup",
    "budget.BudgetLine", "budget.BudgetYear", "projects.Project", "core.Village"), name="dispatch")
class ProposalListView(ListView):
    """"You said, we did": every proposal of published hearings and what became of it."""

    template_name = "hearings/proposal_list.html"
    context_object_name = "proposals"
    paginate_by = PROPOSALS_PER_PAGE

    def get_filter_form(self):
        if not hasattr(self, "_filter_form"):
            years = [moment.year for moment in Hearing.objects.visible_to(self.request.user)
                     .filter(proposals__isnull=False).datetimes("starts_at", "year", order="DESC")]
            self._filter_form = ProposalFilterForm(self.request.GET or None, years=years)
        return self._filter_form

    def get_queryset(self):
        proposals = Proposal.objects.visible_to(self.request.user)
        return self.get_filter_form().filter(proposals).order_by("-hearing__starts_at", "pk")

    def paginate_queryset(self, queryset, page_size):
        """The page's ids first (one narrow query), then the seven-table join for those 25 rows
        only: joining every public proposal to sort them was most of this page's time at N=10."""
        paginator, page, ids, is_paginated = super().paginate_queryset(
            queryset.values_list("pk", flat=True), page_size)
        ids = list(ids)
        rows = {proposal.pk: proposal for proposal in Proposal.objects.filter(pk__in=ids).for_display()}
        page.object_list = [rows[pk] for pk in ids if pk in rows]
        return paginator, page, page.object_list, is_paginated

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.get_filter_form()
        context["query"] = self.request.GET.urlencode()
        return context


HEARINGS_CHANGED = with_last_modified(models_changed(Hearing, Proposal, DevelopmentProgramme))


@HEARINGS_CHANGED
def proposals_table(request, file_format="csv"):
    """Every published proposal with its status: open data, no author names."""
    return dataset_response(proposals_dataset(), request, file_format)


@PROGRAMME_PAGE
class ProgrammeListView(ListView):
    template_name = "hearings/programme_list.html"
    context_object_name = "programmes"

    def get_queryset(self):
        return DevelopmentProgramme.objects.visible_to(self.request.user).select_related("resolution")


@PROGRAMME_PAGE
class ProgrammeDetailView(DetailView):
    template_name = "hearings/programme_detail.html"
    context_object_name = "programme"

    def get_queryset(self):
        return DevelopmentProgramme.objects.visible_to(self.request.user).select_related("resolution")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["proposals"] = (Proposal.objects.visible_to(self.request.user)
                                .filter(programme=self.object).for_display())
        context["hearings"] = hearings_for(self.request.user).filter(programme=self.object)
        return context


class DocumentListView(ListView):
    template_name = "hearings/document_list.html"
    context_object_name = "documents"

    def get_queryset(self):
        return (HearingDocument.objects.visible_to(self.request.user).select_related("hearing").order_by("-hearing__starts_at", "uploaded_at"))


class UpcomingHearingsFeed(Feed):
    """Atom feed of announced hearings, for people who follow without an account. Every text goes
    through clean_text: one control character stored in a topic must not break the feed (XML 1.0
    has no place for it)."""

    feed_type = Atom1Feed
    title = gettext_lazy("Public hearings: announcements")
    subtitle = gettext_lazy("Announced public hearings of the aiyl okmotu.")

    def link(self):
        return reverse("hearings:list")

    def author_name(self):
        # RFC 4287 §4.1.1: a feed must name its author.
        return clean_text(str(Municipality.current().name))

    def items(self):
        return Hearing.objects.published().upcoming().select_related("village")[:50]

    def item_title(self, item):
        return clean_text(_("%(topic)s — %(date)s") % {
            "topic": item.topic, "date": timezone.localtime(item.starts_at).strftime("%d.%m.%Y %H:%M")})

    def item_description(self, item):
        """HTML (Atom's summary type="html"): the agenda keeps its lines, each item on its own."""
        place = ", ".join(str(part) for part in (item.village, item.place) if part)
        agenda = format_html_join("", "<br>{}", ((line,) for line in clean_text(item.agenda).splitlines()))
        return format_html("{}{}", clean_text(_("When: %(date)s. Where: %(place)s. Agenda:") % {
            "date": timezone.localtime(item.starts_at).strftime("%d.%m.%Y %H:%M"), "place": place}), agenda)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.published_at or item.starts_at


@with_last_modified(models_changed(Hearing, Municipality, at_least_today=True))
def hearings_ics(request):
    """The calendar of hearings (see hearings.calendar for which). Subscribable: the same data
    give the same bytes, so the ETag and Last-Modified let a calendar app get a 304."""
    hearings = list(calendar.calendar_hearings(Hearing.objects.published()))
    body = calendar.render(hearings, request, Municipality.current())
    etag = '"%s"' % hashlib.sha256(body).hexdigest()[:32]
    changed = max((calendar.last_change(hearing) for hearing in hearings), default=None)
    timestamp = int(changed.timestamp()) if changed else None
    conditional = get_conditional_response(request, etag=etag, last_modified=timestamp)
    if conditional is not None:
        return conditional
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="hearings.ics"'
    response["ETag"] = etag
    if timestamp:
        response["Last-Modified"] = http_date(timestamp)
    return response


@HEARINGS_CHANGED
def minutes_pdf(request, pk):
    hearing = get_object_or_404(hearings_for(request.user), pk=pk)
    return pdf_response(request, "pdf/hearings/minutes.html", minutes_context(hearing),
                        filename=f"hearing-{hearing.pk}-minutes.pdf")


@HEARINGS_CHANGED
def announcement_pdf(request, pk):
    hearing = get_object_or_404(hearings_for(request.user), pk=pk)
    return pdf_response(request, "pdf/hearings/announcement.html", {"hearing": hearing},
                        filename=f"hearing-{hearing.pk}-announcement.pdf")


# --- Staff pages --------------------------------------------------------------------------------

class StaffHearingListView(StaffRequiredMixin, StaffListMixin, ListView):
    template_name = "hearings/staff/hearing_list.html"
    context_object_name = "hearings"
    date_field = "starts_at"
    year_lookup = "starts_at__year"

    def get_queryset(self):
        # Newest first, as staff look for the hearing they are working on.
        return self.filter_list(Hearing.objects.select_related("village").with_proposal_counts()
                                .order_by("-starts_at", "-pk"))


class HearingCreateView(StaffRequiredMixin, SuccessMessageMixin, CreateView):
    model = Hearing
    form_class = HearingForm
    template_name = "hearings/staff/hearing_form.html"
    success_message = gettext_lazy("The hearing is saved as a draft. Publish it when it is ready.")

    def get_success_url(self):
        return reverse("hearings:staff_hearing", args=[self.object.pk])


class HearingUpdateView(StaffRequiredMixin, StaleAwareFormMixin, UpdateView):
    model = Hearing
    form_class = HearingForm
    template_name = "hearings/staff/hearing_form.html"
    success_message = gettext_lazy("The hearing is saved.")

    def get_success_url(self):
        return reverse("hearings:staff_hearing", args=[self.object.pk])


class AttendanceView(HearingUpdateView):
    form_class = AttendanceForm
    template_name = "hearings/staff/attendance_form.html"


class StaffHearingView(StaffRequiredMixin, DetailView):
    """One hearing's staff desk: what is recorded, what is missing, the actions."""

    template_name = "hearings/staff/hearing.html"
    context_object_name = "hearing"

    def get_queryset(self):
        return Hearing.objects.select_related("village", "programme", "budget_year")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["figures"] = self.object.proposals.figures()
        context["proposals"] = self.object.proposals.select_related("group", "village")
        context["documents"] = self.object.documents.all()
        context["document_form"] = DocumentForm()
        return context


class HearingChildMixin(StaffRequiredMixin):
    """A staff page about one hearing (its documents, its proposals): the hearing is read once
    and is in the template's context."""

    def dispatch(self, request, *args, **kwargs):
        self.hearing = get_object_or_404(Hearing.objects.select_related("village"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "hearing": self.hearing}


class DocumentUploadView(HearingChildMixin, FormView):
    form_class = DocumentForm
    template_name = "hearings/staff/document_form.html"

    def form_valid(self, form):
        form.instance.hearing = self.hearing
        form.save()
        messages.success(self.request, _("The document is attached."))
        return HttpResponseRedirect(reverse("hearings:staff_hearing", args=[self.hearing.pk]))


class ProposalEntryView(HearingChildMixin, TemplateView):
    """Enter many proposals at once; one bad row and none is saved."""

    template_name = "hearings/staff/proposal_entry.html"

    def get_formset(self, data=None):
        return ProposalFormSet(data, queryset=Proposal.objects.none(), hearing=self.hearing,
                               initial=[{"village": self.hearing.village_id}] * 10)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("formset", self.get_formset())
        context["recorded"] = self.hearing.proposals.count()
        return context

    def post(self, request, *args, **kwargs):
        formset = self.get_formset(request.POST)
        if formset.is_search_step:  # the group search's button: the table comes back, nothing saved
            return self.render_to_response(self.get_context_data(formset=formset))
        if not formset.is_valid():
            messages.error(request, _("Nothing was saved: correct the rows marked below."))
            return self.render_to_response(self.get_context_data(formset=formset))
        with transaction.atomic():
            saved = record_proposals(self.hearing, formset.save(commit=False), request.user)
        if saved:
            messages.success(request, ngettext("%(count)s proposal saved.", "%(count)s proposals saved.", len(saved))
                             % {"count": len(saved)})
        else:
            messages.info(request, _("All rows were empty: nothing to save."))
        if "more" in request.POST:
            return HttpResponseRedirect(reverse("hearings:staff_proposals_add", args=[self.hearing.pk]))
        return HttpResponseRedirect(reverse("hearings:staff_hearing", args=[self.hearing.pk]))


class WaitingProposalsView(StaffRequiredMixin, StaffListMixin, ListView):
    """The work list: proposals still waiting for a decision, across hearings."""

    template_name = "hearings/staff/waiting.html"
    context_object_name = "proposals"
    date_field = "hearing__starts_at"
    year_lookup = "hearing__starts_at__year"
    statuses = [(value, label) for value, label in Proposal.Status.choices if value in Proposal.WAITING]

    def get_queryset(self):
        return self.filter_list(Proposal.objects.waiting().select_related("hearing", "group", "village")
                                .order_by("hearing__starts_at", "pk"))


class DecideProposalView(StaffRequiredMixin, StaleAwareFormMixin, UpdateView):
    """A stale decision shows the other person's (StaleAwareFormMixin), with the refusal on top."""

    model = Proposal
    form_class = DecisionForm
    template_name = "hearings/staff/decide.html"
    context_object_name = "proposal"

    def get_queryset(self):
        return Proposal.objects.select_related("hearing", "group", "village").prefetch_related("status_changes")

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            answers = {language: data[f"response_{language}"] for language in ("ky", "ru", "en")}
            decide_proposal(self.object, data["status"], answers, self.request.user,
                            on=data["decided_on"], programme=data["programme"], budget_line=data["budget_line"],
                            project=data["project"], expected_version=data.get("version"))
        except StaleDecision:
            form.is_stale = True
            form.add_error(None, STALE_EDIT_MESSAGE)
            return self.form_invalid(form)
        except ValidationError as error:
            form.add_error(None, error.messages)
            return self.form_invalid(form)
        messages.success(self.request, _("The decision is recorded."))
        next_url = reverse("hearings:staff_waiting") if "next_waiting" in self.request.POST else \
            reverse("hearings:staff_hearing", args=[self.object.hearing_id])
        return HttpResponseRedirect(next_url)


class StaffProgrammeListView(StaffRequiredMixin, ListView):
    template_name = "hearings/staff/programme_list.html"
    context_object_name = "programmes"

    def get_queryset(self):
        return DevelopmentProgramme.objects.select_related("resolution")


class ProgrammeCreateView(StaffRequiredMixin, SuccessMessageMixin, CreateView):
    model = DevelopmentProgramme
    form_class = ProgrammeForm
    template_name = "hearings/staff/programme_form.html"
    success_url = reverse_lazy("hearings:staff_programmes")
    success_message = gettext_lazy("The programme is saved as a draft.")


class ProgrammeUpdateView(StaffRequiredMixin, SuccessMessageMixin, UpdateView):
    model = DevelopmentProgramme
    form_class = ProgrammeForm
    template_name = "hearings/staff/programme_form.html"
    success_url = reverse_lazy("hearings:staff_programmes")
    success_message = gettext_lazy("The programme is saved.")
