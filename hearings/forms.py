from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import FileExtensionValidator
from django.db import transaction
from django.db.models import Case, Q, When
from django.forms import modelformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from budget.choosers import BudgetLineChooserField
from core.choosers import (CHOOSER_LIMIT, SEARCH_STEP, ChooserField, ChooserFormMixin, ChooserWidget,
                           ResolutionChooserField, clean_text, possible_ids)
from core.file_checks import validate_document
from core.text import CleanForm, CleanModelForm
from groups.models import InitiativeGroup
from hearings.models import DevelopmentProgramme, Hearing, HearingDocument, Proposal
from core.forms import (DateInput, DateTimeInput, TranslatedFieldsMixin, VersionedModelForm, per_language,
                        with_translations)

DOCUMENT_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "odt", "ods", "jpg", "jpeg", "png"]
MAX_DOCUMENT_SIZE = 10 * 1024 * 1024


def check_document_size(upload):
    if upload and upload.size > MAX_DOCUMENT_SIZE:
        raise forms.ValidationError(_("The file is too big: at most 10 MB."))


class ModelErrorsMixin:
    """The model's clean() may name a field this form does not show: show that message at the
    top of the form instead of failing (add_error is where Django hands the model's errors in)."""

    def add_error(self, field, error):
        if field is None and hasattr(error, "error_dict"):
            moved = {}
            for name, messages in error.error_dict.items():
                key = name if name == NON_FIELD_ERRORS or name in self.fields else NON_FIELD_ERRORS
                # The form's clean() may have said it already (the same rule, Proposal.decision_errors).
                shown = set(self.errors.get(key, []))
                moved.setdefault(key, []).extend(message for message in messages
                                                  if not set(ValidationError(message).messages) <= shown)
            error = ValidationError({key: messages for key, messages in moved.items() if messages})
            if not error.error_dict:
                return
        super().add_error(field, error)


class HearingForm(TranslatedFieldsMixin, ModelErrorsMixin, VersionedModelForm):
    """Announce a hearing or edit its announcement; one document may be attached on the way."""

    document_title = forms.CharField(label=_("Document title"), max_length=300, required=False)
    document = forms.FileField(
        label=_("Document"), required=False,
        validators=[FileExtensionValidator(DOCUMENT_EXTENSIONS), check_document_size, validate_document],
        help_text=_("PDF, Word, Excel or a picture, at most 10 MB."))

    class Meta:
        model = Hearing
        fields = with_translations(Hearing, ["kind", "topic", "starts_at", "village", "place", "announced_on",
                                             "agenda", "budget_year", "programme", "state"])
        widgets = {
            "starts_at": DateTimeInput(),
            "announced_on": DateInput(),
            **per_language({"agenda": forms.Textarea(attrs={"rows": 4})}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The budget years a hearing can be about: around its own year (this year for a new one)
        # and the one it has; a select of every year grows with the years.
        starts_at = self.instance.starts_at
        year = timezone.localtime(starts_at).year if starts_at else timezone.localdate().year
        field = self.fields["budget_year"]
        field.queryset = field.queryset.filter(Q(year__range=(year - 1, year + 2)) | Q(pk=self.instance.budget_year_id))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("document") and not cleaned.get("document_title"):
            self.add_error("document_title", _("Give the document a title."))
        return cleaned

    @transaction.atomic
    def save(self, commit=True):
        hearing = super().save(commit=commit)
        if hearing is not None and commit and self.cleaned_data.get("document"):
            HearingDocument.objects.create(hearing=hearing, title=self.cleaned_data["document_title"],
                                           file=self.cleaned_data["document"])
        return hearing


class AttendanceForm(TranslatedFieldsMixin, ModelErrorsMixin, VersionedModelForm):
    """After the hearing: who came, the minutes, who chaired and who took the minutes."""

    class Meta:
        model = Hearing
        fields = with_translations(Hearing, [
            "state", "participants_total", "participants_women", "participants_men",
            "participants_from_groups", "participants_youth", "chair", "secretary", "minutes", "decisions"])
        widgets = {**per_language({"minutes": forms.Textarea(attrs={"rows": 8}),
                                   "decisions": forms.Textarea(attrs={"rows": 4})})}


class DocumentForm(TranslatedFieldsMixin, CleanModelForm):
    class Meta:
        model = HearingDocument
        fields = with_translations(HearingDocument, ["title", "file"])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].validators += [FileExtensionValidator(DOCUMENT_EXTENSIONS), check_document_size]
        self.fields["file"].help_text = _("PDF, Word, Excel or a picture, at most 10 MB.")


class ProposalEntryForm(ChooserFormMixin, ModelErrorsMixin, CleanModelForm):
    """One row of the fast-entry table. Any group may be saved (the field's queryset); the row's
    select offers only the few the table hands it (BaseProposalFormSet.group_choices)."""

    class Meta:
        model = Proposal
        fields = ["source", "group", "topic", "village", "text", "is_question", "author_name", "estimated_cost"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2, "cols": 30})}

    def __init__(self, *args, shared_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        if shared_choices is not None:  # one reading of the options for every row of the table
            for name, choices in shared_choices.items():
                self.fields[name].choices = choices
        for name, field in self.fields.items():
            if name == "is_question":
                field.widget.attrs["class"] = "form-check-input"
            elif isinstance(field.widget, forms.Select):
                field.widget.attrs["class"] = "form-select form-select-sm"
            else:
                field.widget.attrs["class"] = "form-control form-control-sm"


class BaseProposalFormSet(forms.BaseModelFormSet):
    """The entry table. Each row's group select offers a few groups only, read once for the whole
    table: the active groups of the hearing's village first (at most GROUP_LIMIT), the groups found
    by the search above the table, and those the rows have chosen already. A select of every group
    in every row grew with the data (300 groups × 10 rows: 255 KB of HTML). The search works
    without JavaScript: its button submits the table as a search step (`_search=group`), nothing
    is saved or marked wrong and everything typed is kept."""

    GROUP_LIMIT = CHOOSER_LIMIT
    search_name = "group__q"

    def __init__(self, *args, hearing, **kwargs):
        super().__init__(*args, **kwargs)
        self.hearing = hearing
        self.is_search_step = self.is_bound and SEARCH_STEP in self.data
        self.group_query = clean_text(self.data.get(self.search_name)) if self.is_bound else ""
        self._shared_choices = None
        self._group_offer = {}

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "shared_choices": self.shared_choices()}

    def shared_choices(self):
        if self._shared_choices is None:
            self._shared_choices = {"group": self.group_choices(),
                                    "village": list(Proposal._meta.get_field("village").formfield().choices)}
        return self._shared_choices

    @property
    def group_offer(self):
        """What the search above the table says: how many were found, whether the lists were cut."""
        self.shared_choices()
        return self._group_offer

    def chosen_group_ids(self):
        if not self.is_bound:
            return []
        return possible_ids(self.data.get(f"{self.add_prefix(index)}-group")
                            for index in range(self.total_form_count()))

    def group_choices(self):
        """[("", —), (the village's groups), (found), (chosen elsewhere)] as optgroups; at most
        three small queries for the whole table, however many groups there are."""
        groups = InitiativeGroup.objects.order_by("name", "pk")
        village = self.hearing.village
        near = groups.active().filter(villages=village) if village else groups.active()
        near = list(near[: self.GROUP_LIMIT + 1])
        found = list(groups.search(self.group_query)[: self.GROUP_LIMIT + 1]) if self.group_query else []
        found_ids = {group.pk for group in found[: self.GROUP_LIMIT]}
        near_shown = [group for group in near[: self.GROUP_LIMIT] if group.pk not in found_ids]
        offered = found_ids | {group.pk for group in near_shown}
        missing = [pk for pk in self.chosen_group_ids() if pk not in offered]
        chosen = list(groups.filter(pk__in=missing)) if missing else []
        self._group_offer = {"near_more": len(near) > self.GROUP_LIMIT, "found": found[: self.GROUP_LIMIT],
                             "found_more": len(found) > self.GROUP_LIMIT, "limit": self.GROUP_LIMIT,
                             "village": village}
        near_label = (_("Groups of %(village)s") % {"village": village.name} if village
                      else _("Active groups"))
        choices = [("", "---------")]
        for label, items in ((_("Found: “%(query)s”") % {"query": self.group_query}, found[: self.GROUP_LIMIT]),
                             (near_label, near_shown), (_("Chosen"), chosen)):
            if items:
                choices.append((label, [(group.pk, group.name) for group in items]))
        return choices

    def is_valid(self):
        return not self.is_search_step and super().is_valid()

    @property
    def media(self):
        return super().media + ChooserWidget().media  # htmx, to search as one types


ProposalFormSet = modelformset_factory(Proposal, form=ProposalEntryForm, formset=BaseProposalFormSet, extra=10,
                                       can_delete=False)


class DecisionForm(ChooserFormMixin, TranslatedFieldsMixin, ModelErrorsMixin, VersionedModelForm):
    """Decide a proposal: its status, the public answer, and what it became. The version read
    with the form travels in a hidden field: a decision made on a stale page is refused. The
    form does not save: hearings.services.decide_proposal does, under the same rules
    (Proposal.decision_errors)."""

    class Meta:
        model = Proposal
        fields = with_translations(Proposal, ["status", "response", "decided_on", "programme", "budget_line", "project"])
        widgets = {"decided_on": DateInput(), **per_language({"response": forms.Textarea(attrs={"rows": 4})})}
        field_classes = {"budget_line": BudgetLineChooserField, "project": ChooserField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.original_status = self.instance.status
        self.fields["decided_on"].required = True
        self.fields["decided_on"].label = _("Date of the decision")
        if not self.initial.get("decided_on"):
            self.initial["decided_on"] = self.instance.decided_on or timezone.localdate()
        allowed = {self.original_status} | Proposal.TRANSITIONS[self.original_status]
        self.fields["status"].choices = [(value, label) for value, label in Proposal.Status.choices
                                         if value in allowed]
        # Searched, not listed: a select of every line of every year grows with the years (the
        # benchmark saw 42 000 options). The lines this proposal can plausibly have become (the
        # hearing's budget year, its year and the two after) come first, the hearing's year
        # first; a search by code or name finds any line, e.g. one funded years later.
        hearing = self.instance.hearing
        year = timezone.localtime(hearing.starts_at).year
        near = Q(budget_year__year__range=(year, year + 2))
        if hearing.budget_year_id:
            near |= Q(budget_year_id=hearing.budget_year_id)
        self.fields["budget_line"].queryset = self.fields["budget_line"].queryset.select_related(
            "budget_year", "classification").order_by(
            Case(When(near, then=0), default=1), Case(When(budget_year__year=year, then=0), default=1),
            "-budget_year__year", "classification__code", "pk")
        # Any project (one already done may be what the proposal became): open ones and the
        # hearing's village's first.
        self.fields["project"].search_fields = ("title",)
        self.fields["project"].queryset = self.fields["project"].queryset.open_and_near_first(hearing.village_id)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status"):
            errors = Proposal.decision_errors(self.original_status, cleaned["status"], cleaned.get("response_ky"),
                                              cleaned.get("decided_on"), self.instance.hearing.starts_at)
            for field, message in errors.items():
                self.add_error(field, message)
        return cleaned

    def save(self, commit=True):
        raise NotImplementedError("A decision is saved by hearings.services.decide_proposal.")


class ProgrammeForm(ChooserFormMixin, TranslatedFieldsMixin, CleanModelForm):
    class Meta:
        model = DevelopmentProgramme
        fields = with_translations(DevelopmentProgramme, ["title", "first_year", "last_year", "resolution", "summary"])
        widgets = per_language({"summary": forms.Textarea(attrs={"rows": 5})})
        field_classes = {"resolution": ResolutionChooserField}


class ProposalFilterForm(CleanForm):
    """The GET form of the "you said, we did" page: works without JavaScript."""

    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    village = forms.ModelChoiceField(label=_("Village"), required=False, queryset=None,
                                     empty_label=_("All villages"))
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    source = forms.ChoiceField(label=_("Source"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        from core.models import Village

        self.fields["year"].choices = [("", _("All years"))] + [(year, year) for year in years]
        self.fields["village"].queryset = Village.objects.all()
        self.fields["topic"].choices = [("", _("All topics"))] + list(Proposal.Topic.choices)
        self.fields["source"].choices = [("", _("All sources"))] + list(Proposal.Source.choices)
        self.fields["status"].choices = [("", _("All statuses"))] + list(Proposal.Status.choices)
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select form-select-sm"

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data.get("year"):
            queryset = queryset.filter(hearing__starts_at__year=data["year"])
        if data.get("village"):
            queryset = queryset.filter(village=data["village"])
        for name in ("topic", "source", "status"):
            if data.get(name):
                queryset = queryset.filter(**{name: data[name]})
        return queryset
