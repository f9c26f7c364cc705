"""Staff forms of the groups app. Bad input gets a translated message on the form; the
add-member form only validates: groups.services.add_member saves, all or nothing."""
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.choosers import ChooserField, ChooserFormMixin
from core import domains
from core.forms import DateInput, SafeModelMultipleChoiceField, TranslatedFieldsMixin, per_language, with_translations
from core.models import Village
from core.text import CleanForm, CleanModelForm

from .models import GroupActivity, InitiativeGroup, Membership, Person, validate_birth_year

PERSON_FIELDS = ["full_name", "gender", "birth_year", "village", "phone", "is_deputy", "is_cso_representative",
                 "cso_name", "is_community_leader", "consents_to_publish_name"]


def person_label(person):
    """How a person is told apart in a select: name, birth year, village."""
    details = [str(value) for value in (person.birth_year, person.village) if value]
    return f"{person.full_name} ({', '.join(details)})" if details else person.full_name


class PersonChoiceField(ChooserField):
    """A person found by a few letters of the name, told apart by birth year and village."""

    def __init__(self, **kwargs):
        super().__init__(search_fields=("full_name",), **kwargs)

    def label_from_instance(self, obj):
        return person_label(obj)


def check_cso_name(cleaned, add_error):
    if cleaned.get("is_cso_representative") and not (cleaned.get("cso_name") or "").strip():
        add_error("cso_name", _("Name the organisation this person represents."))


class GroupFilterForm(CleanForm):
    """The staff list's search and filters (GET)."""

    STATE_CHOICES = [("", _("Active and dissolved")), ("active", _("Active")), ("dissolved", _("Dissolved"))]

    q = forms.CharField(label=_("Name contains"), required=False)
    village = forms.ModelChoiceField(label=_("Village"), queryset=Village.objects.all(), required=False,
                                     empty_label=_("All villages"))
    state = forms.ChoiceField(label=_("State"), choices=STATE_CHOICES, required=False)
    focus = forms.ChoiceField(label=_("Focus"), required=False,
                              choices=[("", _("All kinds of focus"))] + list(InitiativeGroup.Focus.choices))
    status = forms.ChoiceField(label=_("Publication"), required=False,
                               choices=[("", _("Published and drafts"))] + list(InitiativeGroup.Status.choices))

    def filter(self, groups):
        if not self.is_valid():
            return groups
        data = self.cleaned_data
        groups = groups.search(data["q"])
        if data["village"]:
            groups = groups.filter(villages=data["village"])
        if data["state"] == "active":
            groups = groups.active()
        elif data["state"] == "dissolved":
            groups = groups.dissolved()
        if data["focus"]:
            groups = groups.filter(focus=data["focus"])
        if data["status"]:
            groups = groups.filter(status=data["status"])
        return groups


class GroupForm(TranslatedFieldsMixin, CleanModelForm):
    class Meta:
        model = InitiativeGroup
        fields = with_translations(InitiativeGroup, ["name", "focus", "villages", "purpose", "description",
                                                     "founded_on", "dissolved_on"])
        field_classes = {"villages": SafeModelMultipleChoiceField}
        widgets = {
            "villages": forms.CheckboxSelectMultiple,
            "founded_on": DateInput(),
            "dissolved_on": DateInput(),
            **per_language({"purpose": forms.Textarea(attrs={"rows": 3}),
                            "description": forms.Textarea(attrs={"rows": 5})}),
        }
        error_messages = {
            "name": {"required": _("Give the group a name.")},
            **per_language({"purpose": {"required": _("Say what the group is for.")}}),
            "founded_on": {"required": _("Give the date the group was founded.")},
        }
        help_texts = {
            "dissolved_on": _("Leave empty while the group works."),
        }


class PersonForm(CleanModelForm):
    class Meta:
        model = Person
        fields = PERSON_FIELDS
        error_messages = {"full_name": {"required": _("Give the person's full name.")}}
        help_texts = {
            "phone": _("Seen by staff only; never published."),
            "birth_year": _("Seen by staff only; used for the share of youth."),
            "consents_to_publish_name": _("Without consent, public pages show no name, only counts."),
        }

    def clean(self):
        cleaned = super().clean()
        check_cso_name(cleaned, self.add_error)
        return cleaned


class AddMemberForm(ChooserFormMixin, CleanForm):
    """One page to add somebody to a group: pick an existing person OR describe a new one,
    and give the membership. A new person who looks like an existing one (same name, any
    case, same birth year) is refused unless `create_anyway` is ticked."""

    existing_person = PersonChoiceField(
        label=_("Pick from the list"), queryset=Person.objects.select_related("village"), required=False,
        empty_label=_("— a new person (fill in below) —"),
    )
    full_name = forms.CharField(label=_("Full name"), max_length=200, required=False)
    gender = forms.ChoiceField(label=_("Gender"), choices=[("", "—")] + list(Person.Gender.choices), required=False)
    birth_year = forms.IntegerField(label=_("Birth year"), required=False, validators=[validate_birth_year],
                                    help_text=_("Seen by staff only; used for the share of youth."))
    village = forms.ModelChoiceField(label=_("Village"), queryset=Village.objects.all(), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=50, required=False,
                            help_text=_("Seen by staff only; never published."))
    is_deputy = forms.BooleanField(label=_("Aiyl kenesh deputy"), required=False)
    is_cso_representative = forms.BooleanField(label=_("Represents a civil-society organisation"), required=False)
    cso_name = forms.CharField(label=_("Name of the organisation"), max_length=200, required=False)
    is_community_leader = forms.BooleanField(label=_("Community leader"), required=False)
    consents_to_publish_name = forms.BooleanField(
        label=_("Agrees that the name is published"), required=False,
        help_text=_("Without consent, public pages show no name, only counts."))
    create_anyway = forms.BooleanField(
        label=_("Create anyway: this is a different person with the same name"), required=False)
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER)
    joined_on = forms.DateField(label=_("Joined on"), widget=DateInput(), validators=domains.DATE,
                                error_messages={"required": _("Give the date the person joined.")})

    NEW_PERSON_FIELDS = PERSON_FIELDS

    def __init__(self, *args, group, **kwargs):
        data = kwargs.get("data", args[0] if args else None)
        if data is not None and data.get("use_person"):
            # "Add this person instead" under the duplicate warning: pick the offered person.
            data = data.copy()
            data["existing_person"] = data["use_person"]
            if "data" in kwargs:
                kwargs["data"] = data
            else:
                args = (data, *args[1:])
        super().__init__(*args, **kwargs)
        self.group = group
        self.duplicates = []
        # In name order; a search narrows them. Members stay choosable so that clean() can say
        # "already a member" rather than "not a valid choice".
        self.fields["existing_person"].queryset = Person.objects.select_related("village").order_by("name_key", "pk")

    def clean(self):
        cleaned = super().clean()
        person = cleaned.get("existing_person")
        if person is not None:
            if Membership.objects.open().filter(person=person, group=self.group).exists():
                self.add_error("existing_person", ValidationError(
                    _("%(name)s is already a member of this group."), code="already_member",
                    params={"name": person.full_name}))
            return cleaned
        if self.has_error("existing_person"):
            return cleaned
        full_name = " ".join((cleaned.get("full_name") or "").split())
        cleaned["full_name"] = full_name
        if not full_name:
            self.add_error("full_name", _("Pick an existing person above or give the new person's full name."))
        if not cleaned.get("gender"):
            self.add_error("gender", _("Give the new person's gender."))
        check_cso_name(cleaned, self.add_error)
        if full_name and not self.has_error("birth_year") and not cleaned.get("create_anyway"):
            self.duplicates = list(Person.objects.same_as(full_name, cleaned.get("birth_year"))
                                   .select_related("village")[:5])
            if self.duplicates:
                raise ValidationError(
                    _("A person with this name and birth year is already recorded: add them instead "
                      "(below), or tick “Create anyway” if this is somebody else."),
                    code="possible_duplicate")
        return cleaned

    def person_data(self):
        return {field: self.cleaned_data.get(field) for field in self.NEW_PERSON_FIELDS}


class EndMembershipForm(CleanModelForm):
    class Meta:
        model = Membership
        fields = ["left_on"]
        widgets = {"left_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["left_on"].required = True
        self.fields["left_on"].error_messages["required"] = _("Give the date the person left the group.")


class ActivityForm(ChooserFormMixin, TranslatedFieldsMixin, CleanModelForm):
    class Meta:
        model = GroupActivity
        fields = with_translations(GroupActivity, ["date", "kind", "title", "description", "hearing", "project"])
        widgets = {"date": DateInput(), **per_language({"description": forms.Textarea(attrs={"rows": 4})})}
        error_messages = {
            **per_language({"title": {"required": _("Say in a few words what the group did.")}}),
            "date": {"required": _("Give the date of the activity.")},
        }
        help_texts = {
            "hearing": _("If the group took part in a public hearing recorded on the portal."),
            "project": _("If the group worked on a project recorded on the portal."),
        }
        field_classes = {"hearing": ChooserField, "project": ChooserField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hearing"].queryset = self.fields["hearing"].queryset.order_by("-starts_at")
        self.fields["hearing"].search_fields = ("topic",)
        self.fields["project"].queryset = self.fields["project"].queryset.order_by("-started_on", "title")
        self.fields["project"].search_fields = ("title",)
