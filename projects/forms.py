from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from core.text import CleanForm, CleanModelForm
from groups.models import InitiativeGroup
from hearings.models import Proposal
from core.choosers import ChooserFormMixin, MultipleChooserField
from core.forms import (DateInput, SafeModelMultipleChoiceField, TranslatedFieldsMixin, VersionedModelForm,
                        per_language, with_translations)
from core.models import Village
from projects.images import prepare_photo
from projects.models import FundingContribution, ProgressPhoto, ProgressUpdate, Project


class ProposalChoiceField(MultipleChooserField):
    def __init__(self, **kwargs):
        super().__init__(search_fields=("text", "hearing__topic_ky", "hearing__topic_ru"),
                         search_placeholder=_("Type a few words of the proposal"), **kwargs)

    def label_from_instance(self, proposal):
        return _("%(text)s (hearing: %(hearing)s)") % {"text": str(proposal), "hearing": proposal.hearing}


class ProjectForm(ChooserFormMixin, TranslatedFieldsMixin, VersionedModelForm):
    proposals = ProposalChoiceField(
        label=_("Proposals it answers"), queryset=Proposal.objects.none(), required=False,
        help_text=_("Only accepted, partly accepted or done proposals that no other project answers yet."),
    )

    class Meta:
        model = Project
        fields = with_translations(Project, [
            "title", "summary", "description", "state", "villages", "started_on", "finished_on",
            "groups", "result", "households", "families", "women", "men", "children", "pupils"])
        field_classes = {"villages": SafeModelMultipleChoiceField, "groups": MultipleChooserField}
        widgets = {
            "started_on": DateInput(),
            "finished_on": DateInput(),
            "villages": forms.CheckboxSelectMultiple,
            **per_language({"description": forms.Textarea(attrs={"rows": 4}),
                            "result": forms.Textarea(attrs={"rows": 3})}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["villages"].queryset = Village.objects.all()
        self.fields["groups"].queryset = InitiativeGroup.objects.order_by("name")
        open_proposals = Proposal.objects.filter(status__in=Proposal.TAKEN_UP, project__isnull=True)
        if self.instance.pk:
            open_proposals = open_proposals | Proposal.objects.filter(project=self.instance)
            self.initial.setdefault("proposals", list(self.instance.proposals.values_list("pk", flat=True)))
        self.fields["proposals"].queryset = open_proposals.select_related("hearing").order_by("-hearing__starts_at", "pk")


class ContributionForm(TranslatedFieldsMixin, CleanModelForm):
    class Meta:
        model = FundingContribution
        fields = with_translations(FundingContribution, [
            "source", "funder", "amount", "amount_undisclosed", "in_kind_description",
            "contest_name", "contest_year", "contest_place"])
        widgets = {"amount": forms.NumberInput(attrs={"min": "0.01", "step": "0.01"})}


ContributionFormSet = inlineformset_factory(
    Project, FundingContribution, form=ContributionForm, extra=3, can_delete=True,
)


class PhotoField(forms.ImageField):
    """A photo checked by its content and re-encoded (projects.images.prepare_photo)."""

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        return prepare_photo(upload)


class ProgressUpdateForm(TranslatedFieldsMixin, CleanModelForm):
    class Meta:
        model = ProgressUpdate
        fields = with_translations(ProgressUpdate, ["date", "text"])
        widgets = {"date": DateInput(), **per_language({"text": forms.Textarea(attrs={"rows": 4})})}


class PhotoForm(TranslatedFieldsMixin, CleanModelForm):
    image = PhotoField(label=_("photo"), required=False,
                       help_text=_("JPEG, PNG or WebP, at most 8 MB. It is made smaller for phones and "
                                   "its hidden data (place, camera) are removed."),
                       widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}))

    class Meta:
        model = ProgressPhoto
        fields = with_translations(ProgressPhoto, ["image", "caption"])

    def clean(self):
        cleaned = super().clean()
        captioned = any(cleaned.get(f"caption_{language}") for language in ("ky", "ru", "en"))
        if captioned and not cleaned.get("image") and not self.instance.image:
            self.add_error("image", _("Choose the photo this caption is for."))
        return cleaned


PhotoFormSet = inlineformset_factory(
    ProgressUpdate, ProgressPhoto, form=PhotoForm, extra=3, can_delete=True, max_num=12, validate_max=True,
)


class ProjectFilterForm(CleanForm):
    """The public list's filters: a plain GET form that works without JavaScript."""

    state = forms.ChoiceField(label=_("State"), required=False,
                              choices=[("", _("All states"))] + list(Project.State.choices))
    village = forms.ModelChoiceField(label=_("Village"), required=False, queryset=Village.objects.all(),
                                     empty_label=_("All villages"))
    source = forms.ChoiceField(label=_("Kind of funding"), required=False,
                               choices=[("", _("All kinds of funding"))] + list(FundingContribution.Source.choices))

    def filter(self, projects):
        if not self.is_valid():
            return projects
        data = self.cleaned_data
        if data.get("state"):
            projects = projects.filter(state=data["state"])
        if data.get("village"):
            projects = projects.filter(pk__in=Project.villages.through.objects.filter(
                village=data["village"]).values("project"))
        if data.get("source"):
            projects = projects.filter(pk__in=FundingContribution.objects.filter(
                source=data["source"]).values("project"))
        return projects
