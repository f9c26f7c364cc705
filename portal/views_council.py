"""Council sessions and their packs: for deputies and staff only (CouncilRequiredMixin).
Citizens never reach these pages; every path is under /staff/ so the site crawl checks it."""
import time

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import CreateView, DetailView, ListView, UpdateView

from core.text import CleanModelForm
from portal import packs
from portal.annual_report import report_years
from core.changes import answer_conditionally
from core.choosers import ChooserField, ChooserFormMixin, MultipleChooserField
from core.forms import DateInput, SafeModelMultipleChoiceField
from portal.models import CouncilPack, CouncilSession
from core.roles import CouncilRequiredMixin


class CouncilSessionForm(CleanModelForm):
    class Meta:
        model = CouncilSession
        fields = ["convocation", "number", "date", "agenda"]
        widgets = {"date": DateInput(), "agenda": forms.Textarea(attrs={"rows": 6})}

    def clean(self):
        cleaned = super().clean()
        convocation, number = cleaned.get("convocation"), cleaned.get("number")
        if convocation and number and CouncilSession.objects.filter(
                convocation=convocation, number=number).exclude(pk=self.instance.pk).exists():
            self.add_error("number", _("This convocation already has a session with this number."))
        return cleaned

    def validate_unique(self):
        if not self.errors:  # our own message above says it better than the generic one
            super().validate_unique()


def draft_aware(label):
    """Labels that show a draft as a draft, so that nobody prints one by mistake."""
    def label_from_instance(obj):
        text = label(obj)  # may be safe HTML: a text in the other language is marked with its lang
        if getattr(obj, "is_published", True):
            return text
        return mark_safe(_("%(item)s (draft)") % {"item": conditional_escape(text)})
    return label_from_instance


def choice_field(choice, user):
    """The pack form's field for one app's pack choice (core.contributions.PackChoice)."""
    if choice.queryset is None:
        return forms.BooleanField(label=choice.label, required=False)
    queryset = choice.queryset(user)
    if choice.multiple and choice.search_fields:
        # Thousands of hearings or projects at a big aimak: a search, not a box each.
        field = MultipleChooserField(queryset=queryset, label=choice.label, required=False,
                                     search_fields=choice.search_fields)
    elif choice.multiple:
        field = SafeModelMultipleChoiceField(queryset, label=choice.label, required=False,
                                             widget=forms.CheckboxSelectMultiple)
    elif choice.search_fields:
        field = ChooserField(queryset=queryset, label=choice.label, required=False,
                             search_fields=choice.search_fields)
    else:
        field = forms.ModelChoiceField(queryset, label=choice.label, required=False, empty_label=_("— none —"))
    field.label_from_instance = draft_aware(choice.item_label)
    return field


class CouncilPackForm(ChooserFormMixin, CleanModelForm):
    """A pack: its title, what the deputy picks from each app's pack choices (one field each,
    named by the choice's key), the annual report of a year, and whether drafts may go in."""

    report_year = forms.TypedChoiceField(label=gettext_lazy("Annual participation report for the year"),
                                         coerce=int, empty_value=None, required=False)

    class Meta:
        model = CouncilPack
        fields = ["title", "report_year", "include_drafts"]
        help_texts = {
            "title": gettext_lazy("Optional: a name for this pack, e.g. “Budget 2023 for the February session”."),
            "include_drafts": gettext_lazy(
                "Put drafts (not yet published) into the pack. The cover then says that it contains drafts."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.pack_choices = packs.pack_choices()
        picked = self.instance.picked() if self.instance.pk else {}
        fields = {"title": self.fields.pop("title")}
        for choice in self.pack_choices:
            fields[choice.key] = choice_field(choice, user)
            if choice.key in picked:
                ids = picked[choice.key]
                self.initial[choice.key] = True if choice.queryset is None else ids if choice.multiple else ids[0]
        fields.update(self.fields)
        self.fields = fields
        self.set_chooser_queries()  # the choosers were added after the mixin's __init__
        years = report_years()
        if self.instance.report_year and self.instance.report_year not in years:
            years = sorted({*years, self.instance.report_year}, reverse=True)
        self.fields["report_year"].choices = [("", _("— no report —"))] + [(year, year) for year in years]

    def picked_objects(self):
        """{choice key: [objects]} of what was picked (a ticked box gives an empty list)."""
        picked = {}
        for choice in self.pack_choices:
            value = self.cleaned_data.get(choice.key)
            if choice.queryset is None:
                if value:
                    picked[choice.key] = []
            elif choice.multiple and value:
                picked[choice.key] = list(value)
            elif not choice.multiple and value is not None:
                picked[choice.key] = [value]
        return picked

    def clean(self):
        cleaned = super().clean()
        picked = self.picked_objects()
        if not picked and not cleaned.get("report_year"):
            raise ValidationError(_("The pack is empty: choose at least one document to put in it."),
                                  code="empty")
        drafts = [str(item) for objects in picked.values() for item in objects
                  if not getattr(item, "is_published", True)]
        if drafts and not cleaned.get("include_drafts"):
            self.add_error("include_drafts", _(
                "You chose drafts (%(items)s). Tick “include drafts” to print them, or leave them out.")
                % {"items": "; ".join(drafts)})
        return cleaned

    @transaction.atomic
    def save(self, commit=True):
        pack = super().save(commit=commit)
        if commit:
            pack.put(self.picked_objects())
        return pack


class SessionListView(CouncilRequiredMixin, ListView):
    template_name = "portal/council/session_list.html"
    context_object_name = "sessions"
    paginate_by = 25

    def get_queryset(self):
        return CouncilSession.objects.annotate(pack_count=Count("packs")).order_by("-date", "-number")


class SessionCreateView(CouncilRequiredMixin, CreateView):
    model = CouncilSession
    form_class = CouncilSessionForm
    template_name = "portal/council/session_form.html"


class SessionUpdateView(CouncilRequiredMixin, UpdateView):
    model = CouncilSession
    form_class = CouncilSessionForm
    template_name = "portal/council/session_form.html"


class SessionDetailView(CouncilRequiredMixin, DetailView):
    model = CouncilSession
    template_name = "portal/council/session_detail.html"
    context_object_name = "session"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["packs"] = self.object.packs.select_related("created_by").defer("pdf")
        return context


class PackFormMixin(CouncilRequiredMixin):
    model = CouncilPack
    form_class = CouncilPackForm
    template_name = "portal/council/pack_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_success_url(self):
        return self.object.get_absolute_url()


class PackCreateView(PackFormMixin, CreateView):
    def dispatch(self, request, *args, **kwargs):
        self.session = get_object_or_404(CouncilSession, pk=kwargs["session_pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "session": self.session}

    def form_valid(self, form):
        form.instance.session = self.session
        form.instance.created_by = self.request.user
        return super().form_valid(form)


class PackUpdateView(PackFormMixin, UpdateView):
    def get_queryset(self):
        return CouncilPack.objects.select_related("session").defer("pdf")

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "session": self.object.session}


class PackDetailView(CouncilRequiredMixin, DetailView):
    template_name = "portal/council/pack_detail.html"
    context_object_name = "pack"

    def get_queryset(self):
        return CouncilPack.objects.select_related("session", "created_by").defer("pdf")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["contents"] = packs.section_choices_summary(self.object, self.request.user)
        return context


class PackPdfView(CouncilRequiredMixin, View):
    def get(self, request, pk):
        pack = get_object_or_404(CouncilPack.objects.select_related("session"), pk=pk)
        started = time.monotonic()
        pdf_bytes, rendered = packs.pack_pdf(pack, request.user)
        response = HttpResponse(pdf_bytes, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="council-pack-{pack.pk}.pdf"'
        # A pack may hold drafts: never kept by a shared cache; the deputy's own browser keeps it
        # and asks again (no-cache), getting a 304 while nothing in the pack changed.
        response["Cache-Control"] = "private, no-cache"
        response["X-Pack-Rendered"] = "yes" if rendered else "no"
        response["Server-Timing"] = f"pack;dur={(time.monotonic() - started) * 1000:.0f}"
        return answer_conditionally(request, response, etag='"%s"' % pack.pdf_fingerprint[:32],
                                    last_modified=pack.pdf_generated_at)
