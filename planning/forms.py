"""Staff forms of planning. Texts a citizen reads are entered side by side in Kyrgyz (required
where the field is), Russian and English (both optional)."""
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Field, Layout, Row
from django import forms
from django.db.models import Case, Max, When
from django.forms import inlineformset_factory, modelformset_factory
from django.utils.translation import gettext_lazy as _

from budget.choosers import BudgetLinesChooserField
from core.choosers import ChooserField, ChooserFormMixin, MultipleChooserField, ResolutionChooserField
from core.forms import DateInput, SafeModelMultipleChoiceField, VersionedModelForm, compact_widgets
from core.models import Village
from core.text import CleanForm, CleanModelForm
from hearings.forms import ModelErrorsMixin
from hearings.models import Hearing, Proposal
from planning import rules
from planning.models import ActionPlan, Need, NeedsStudy, PlannedAction, PlannedResource, StudyGroup

LANGUAGES = (("ky", _("Kyrgyz")), ("ru", _("Russian")), ("en", _("English")))


def bilingual(*names):
    """The form field names of translated model fields, Kyrgyz first: ("title",) -> title_ky, title_ru, title_en."""
    return [f"{name}_{code}" for name in names for code, _label in LANGUAGES]


class BilingualFormMixin:
    """Lays the language versions of each translated field out side by side, each labelled with
    its language; Kyrgyz is required where the model's field is (modeltranslation's
    `required_languages`), the others never are."""

    translated = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        language_names = dict(LANGUAGES)
        for name in self.translated:
            for code in language_names:
                field = self.fields.get(f"{name}_{code}")
                if field is None:
                    continue
                base = self._meta.model._meta.get_field(name)
                field.label = f"{base.verbose_name[:1].upper()}{base.verbose_name[1:]} ({language_names[code]})"
                if code != "ky":
                    field.required = False
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # the page's <form> carries the token once
        self.helper.include_media = False  # the page renders {{ form.media }} once, in its head
        layout = []
        done = set()
        for name in self.fields:
            stem = name.rsplit("_", 1)[0]
            if stem in self.translated:
                if stem in done:
                    continue
                done.add(stem)
                layout.append(Row(*[Column(Field(f"{stem}_{code}"), css_class="col-md-4")
                                    for code in language_names if f"{stem}_{code}" in self.fields]))
            else:
                layout.append(Field(name))
        self.helper.layout = Layout(*layout)


class StudyForm(BilingualFormMixin, ModelErrorsMixin, VersionedModelForm):
    translated = ("title", "methods_text", "run_by", "summary")
    method_choices = forms.MultipleChoiceField(label=_("Methods"), required=False,
                                               choices=NeedsStudy.Method.choices,
                                               widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = NeedsStudy
        fields = [*bilingual("title"), "villages", "started_on", "finished_on", "method_choices",
                  *bilingual("methods_text", "run_by"), "participants_total", "participants_women",
                  "participants_men", "participants_youth", "households_surveyed", *bilingual("summary")]
        field_classes = {"villages": SafeModelMultipleChoiceField}
        widgets = {"started_on": DateInput(), "finished_on": DateInput(),
                   "villages": forms.CheckboxSelectMultiple,
                   **{name: forms.Textarea(attrs={"rows": 3}) for name in bilingual("methods_text", "summary")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("method_choices", self.instance.method_list)

    def save(self, commit=True):
        self.instance.methods = ",".join(self.cleaned_data.get("method_choices") or [])
        return super().save(commit=commit)


class StudyGroupForm(BilingualFormMixin, CleanModelForm):
    translated = ("name",)

    class Meta:
        model = StudyGroup
        fields = [*bilingual("name"), "participants", "order"]

    def clean_participants(self):
        """Fewer participants than the votes the group already gave would break the rule on votes."""
        participants = self.cleaned_data.get("participants")
        if participants is not None and self.instance.pk:
            most = self.instance.rankings.aggregate(most=Max("votes"))["most"]
            errors = rules.votes_errors(most, participants, self.instance.name, "participants")
            if errors:
                raise forms.ValidationError(errors["participants"])
        return participants


StudyGroupFormSet = inlineformset_factory(NeedsStudy, StudyGroup, form=StudyGroupForm, extra=3, can_delete=True)


class NeedRowForm(ModelErrorsMixin, CleanModelForm):
    """One row of the study's table of problems: the problem and one votes column per group."""

    class Meta:
        model = Need
        fields = ["village", "topic", "title_ky", "title_ru", "description_ky", "description_ru",
                  "households_affected"]
        widgets = {name: forms.Textarea(attrs={"rows": 2, "cols": 24}) for name in ("description_ky", "description_ru")}

    def __init__(self, *args, groups=(), villages=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.groups = list(groups)
        self.fields["title_ky"].label = _("Problem (Kyrgyz)")
        self.fields["title_ru"].label = _("Problem (Russian)")
        self.fields["title_ru"].required = False
        self.fields["description_ky"].label = _("Description (Kyrgyz)")
        self.fields["description_ru"].label = _("Description (Russian)")
        if villages is not None:
            self.fields["village"].choices = villages
        existing = {ranking.group_id: ranking.votes for ranking in self.instance.rankings.all()} \
            if self.instance.pk else {}
        for group in self.groups:
            name = f"votes_{group.pk}"
            self.fields[name] = forms.IntegerField(label=_("Votes: %(group)s") % {"group": group.name},
                                                   required=False, min_value=0)
            self.initial.setdefault(name, existing.get(group.pk))
        # Written out without widget templates, classes or ids (the table's CSS styles them): the
        # page is as light as its rows allow.
        compact_widgets(self)

    def clean(self):
        cleaned = super().clean()
        for group in self.groups:
            name = f"votes_{group.pk}"
            for field, message in rules.votes_errors(cleaned.get(name), group.participants, group.name, name).items():
                self.add_error(field, message)
        return cleaned

    def votes(self):
        return {group: self.cleaned_data.get(f"votes_{group.pk}") for group in self.groups}


class BaseNeedFormSet(forms.BaseModelFormSet):
    """A page of a study's problems (`ids`, or all of them), with empty rows to add more; one
    votes column for each of `groups` (the study's groups unless given)."""

    def __init__(self, *args, study, ids=None, groups=None, **kwargs):
        self.study = study
        self.groups = list(study.groups.all() if groups is None else groups)
        villages = [("", "---------")] + [(village.pk, village.name) for village in Village.objects.all()]
        kwargs["form_kwargs"] = {"groups": self.groups, "villages": villages}
        needs = study.needs.all() if ids is None else study.needs.filter(pk__in=ids)
        kwargs.setdefault("queryset", needs.prefetch_related("rankings").order_by("pk"))
        kwargs.setdefault("auto_id", False)  # each input sits inside its label: no ids needed
        super().__init__(*args, **kwargs)

    def rows(self):
        """[(need, {group: votes})] of the rows filled in: new rows and changed ones."""
        rows = []
        for form in self.forms:
            if not form.has_changed() and not form.instance.pk:
                continue
            if form.has_changed():
                rows.append((form.save(commit=False), form.votes()))
        return rows


NeedFormSet = modelformset_factory(Need, form=NeedRowForm, formset=BaseNeedFormSet, extra=5, can_delete=False)


class PlanForm(ChooserFormMixin, BilingualFormMixin, ModelErrorsMixin, VersionedModelForm):
    """The study, the gathering and the resolution are searched for, not picked from selects that
    grow with the years: the most recent come first."""

    translated = ("title", "summary", "unanswered_note")

    class Meta:
        model = ActionPlan
        fields = [*bilingual("title"), "study", "starts_on", "ends_on", "gathering", "resolution",
                  *bilingual("summary", "unanswered_note")]
        field_classes = {"study": ChooserField, "gathering": ChooserField, "resolution": ResolutionChooserField}
        widgets = {"starts_on": DateInput(), "ends_on": DateInput(),
                   **{name: forms.Textarea(attrs={"rows": 3}) for name in bilingual("summary", "unanswered_note")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["study"].queryset = NeedsStudy.objects.order_by("-finished_on", "-pk")
        self.fields["study"].search_fields = ("title",)
        self.fields["gathering"].queryset = Hearing.objects.order_by("-starts_at", "-pk")
        self.fields["gathering"].search_fields = ("topic",)


class ActionEntryForm(ModelErrorsMixin, CleanModelForm):
    """One row of the table of a plan's new actions."""

    class Meta:
        model = PlannedAction
        fields = ["need", "what_ky", "what_ru", "village", "responsible_kind", "responsible_name", "deadline"]
        widgets = {"deadline": DateInput(), "what_ky": forms.Textarea(attrs={"rows": 2, "cols": 24}),
                   "what_ru": forms.Textarea(attrs={"rows": 2, "cols": 24})}

    def __init__(self, *args, plan, needs, villages, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.plan = plan
        self.fields["need"].choices = needs
        self.fields["village"].choices = villages
        self.fields["what_ky"].label = _("What will be done (Kyrgyz)")
        self.fields["what_ru"].label = _("What will be done (Russian)")
        self.fields["what_ru"].required = False
        compact_widgets(self)


class BaseActionFormSet(forms.BaseModelFormSet):
    def __init__(self, *args, plan, **kwargs):
        needs = [("", "---------")] + [(need.pk, need.title) for need in Need.objects.filter(study=plan.study_id)]
        villages = [("", "---------")] + [(village.pk, village.name) for village in Village.objects.all()]
        kwargs["form_kwargs"] = {"plan": plan, "needs": needs, "villages": villages}
        kwargs["queryset"] = PlannedAction.objects.none()
        kwargs.setdefault("auto_id", False)  # each input sits inside its label: no ids needed
        super().__init__(*args, **kwargs)


ActionFormSet = modelformset_factory(PlannedAction, form=ActionEntryForm, formset=BaseActionFormSet, extra=10,
                                     can_delete=False)


class ProposalsChooserField(MultipleChooserField):
    def __init__(self, **kwargs):
        super().__init__(search_fields=("text", "hearing__topic_ky", "hearing__topic_ru"),
                         search_placeholder=_("Type a few words of the proposal"), **kwargs)

    def label_from_instance(self, proposal):
        return _("%(text)s (hearing: %(hearing)s)") % {"text": str(proposal), "hearing": proposal.hearing}


class ActionForm(ChooserFormMixin, BilingualFormMixin, ModelErrorsMixin, VersionedModelForm):
    """Edit one action: what, who, when, and what carries it out (budget lines, projects, proposals),
    each searched for: what makes sense for the action comes first, a search finds the rest."""

    translated = ("what", "result")

    class Meta:
        model = PlannedAction
        fields = ["need", *bilingual("what"), "village", "responsible_kind", "responsible_name", "deadline",
                  *bilingual("result"), "budget_lines", "projects", "proposals"]
        field_classes = {"budget_lines": BudgetLinesChooserField, "projects": MultipleChooserField,
                         "proposals": ProposalsChooserField}
        widgets = {"deadline": DateInput(),
                   **{name: forms.Textarea(attrs={"rows": 3}) for name in bilingual("what", "result")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["need"].queryset = Need.objects.filter(study=self.instance.plan.study_id)
        # Searched, not listed (a select of every line and project would grow without end):
        # what makes sense for the action comes first, a search finds the rest.
        self.fields["budget_lines"].queryset = self.instance.budget_lines_to_offer()
        self.fields["projects"].search_fields = ("title",)
        self.fields["projects"].queryset = self.instance.projects_to_offer()
        village = self.instance.village_id
        # Any proposal may be linked; those taken up come first, then the action's village's.
        taken_up_first = Case(When(status__in=Proposal.TAKEN_UP, then=0), default=1)
        village_first = [Case(When(village=village, then=0), default=1)] if village else []
        self.fields["proposals"].queryset = Proposal.objects.select_related("hearing").order_by(
            taken_up_first, *village_first, "-hearing__starts_at", "pk")


class ResourceForm(ModelErrorsMixin, CleanModelForm):
    class Meta:
        model = PlannedResource
        fields = ["source", "amount", "note_ky", "note_ru"]


ResourceFormSet = inlineformset_factory(PlannedAction, PlannedResource, form=ResourceForm, extra=3, can_delete=True)


class ProgressForm(CleanForm):
    """Mark progress: the new status, the date of the change, and what it needs."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=PlannedAction.Status.choices)
    on = forms.DateField(label=_("Date of the change"), widget=DateInput())
    done_on = forms.DateField(label=_("Done on"), required=False, widget=DateInput())
    reason_ky = forms.CharField(label=_("Reason (Kyrgyz)"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                                help_text=_("Required when the action is postponed or dropped."))
    reason_ru = forms.CharField(label=_("Reason (Russian)"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    result_ky = forms.CharField(label=_("Result (Kyrgyz)"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    result_ru = forms.CharField(label=_("Result (Russian)"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        cleaned = super().clean()
        errors = rules.status_errors(cleaned.get("status"), cleaned.get("done_on"), cleaned.get("reason_ky"))
        for field, message in errors.items():
            self.add_error("reason_ky" if field == "reason" else field, message)
        return cleaned
