from decimal import Decimal, InvalidOperation

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from core.text import CleanForm, CleanModelForm
from budget.models import (EXPENDITURE_CATEGORIES, REVENUE_CATEGORIES, BudgetClassification, BudgetLine,
                           BudgetYear, CitizenCategory, Kind)
from budget.tabular import MAX_ROWS, parse_amount
from core.forms import (DateInput, TranslatedFieldsMixin, VersionedModelForm, compact_widgets, per_language,
                        with_translations)
from core.templatetags.portal import format_number


class MoneyInput(forms.TextInput):
    """Amounts as plain text, so that '250 000' and '250,5' are accepted as people type them."""

    def __init__(self, **kwargs):
        super().__init__(attrs={"inputmode": "decimal", "autocomplete": "off", "class": "money-input",
                                **kwargs.pop("attrs", {})}, **kwargs)

    def format_value(self, value):
        """6450000.00 -> '6 450 000' (what staff read in official tables; parse_amount reads it back);
        text as typed stays as typed, so a wrong entry is shown back for correcting."""
        if value in (None, ""):
            return ""
        try:
            amount = Decimal(str(value))
            # NaN, infinities and huge exponents (hostile input) are shown back as typed.
            if not amount.is_finite():
                return str(value)
            return format_number(amount, 0 if amount == amount.to_integral_value() else 2)
        except (InvalidOperation, ValueError, OverflowError):
            return str(value)


class MoneyField(forms.Field):
    widget = MoneyInput

    def to_python(self, value):
        value = str(value).strip() if value is not None else ""
        if value in self.empty_values:
            return None
        if len(value) > 40:
            raise forms.ValidationError(_("“%(value)s” is not a number.") % {"value": value[:40]}, code="invalid")
        try:
            return parse_amount(value)
        except ValueError as problem:
            raise forms.ValidationError(str(problem), code="invalid") from None

    def has_changed(self, initial, data):
        try:
            return self.to_python(data) != (parse_amount(initial) if initial not in (None, "") else None)
        except forms.ValidationError:
            return True


class BudgetYearForm(TranslatedFieldsMixin, CleanModelForm):
    class Meta:
        model = BudgetYear
        fields = with_translations(BudgetYear, ["year", "stage", "approving_resolution", "execution_resolution",
                                                "executed_as_of", "notes"])
        widgets = {"executed_as_of": DateInput(), **per_language({"notes": forms.Textarea(attrs={"rows": 3})})}

    def clean_year(self):
        year = self.cleaned_data["year"]
        if year is not None and not 2000 <= year <= 2100:
            raise forms.ValidationError(_("Give a year between 2000 and 2100."))
        return year


class NewYearForm(BudgetYearForm):
    RECENT_YEARS = 10  # the select offers these; any other year is typed (the select stays short)

    copy_from = forms.ModelChoiceField(
        label=_("Start from the lines of"), required=False, queryset=BudgetYear.objects.none(),
        empty_label=_("— an empty year —"),
        help_text=_("The lines are copied with last year's plan in force as the new plan; amendments and "
                    "execution are left empty."))
    copy_from_year = forms.IntegerField(
        label=_("…or from the lines of an earlier year"), required=False, min_value=1, max_value=9999,
        help_text=_("Any year, by its number: used instead of the choice above."))

    class Meta(BudgetYearForm.Meta):
        fields = with_translations(BudgetYear, ["year", "stage", "approving_resolution", "notes"])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        recent = list(BudgetYear.objects.order_by("-year").values_list("pk", "year")[:self.RECENT_YEARS])
        self.fields["copy_from"].queryset = BudgetYear.objects.filter(pk__in=[pk for pk, _year in recent])
        if recent and not self.is_bound:
            self.initial.setdefault("year", recent[0][1] + 1)
            self.initial.setdefault("copy_from", recent[0][0])

    def clean(self):
        cleaned = super().clean()
        year = cleaned.get("copy_from_year")
        if year:
            cleaned["copy_from"] = BudgetYear.objects.filter(year=year).first()
            if cleaned["copy_from"] is None:
                self.add_error("copy_from_year", _("There is no budget of %(year)s.") % {"year": year})
        return cleaned


class ExecutionYearForm(CleanModelForm):
    class Meta:
        model = BudgetYear
        fields = ["executed_as_of"]
        widgets = {"executed_as_of": DateInput()}


def classification_choices():
    """Every code, read once for the whole table (not once per row): the page offers them in one
    <datalist>, not in a select per row (2 000 rows × 50 codes was most of the page's weight)."""
    return list(BudgetClassification.objects.all())


class BudgetLineForm(TranslatedFieldsMixin, VersionedModelForm):
    planned = MoneyField(label=_("Planned, som"))
    amended = MoneyField(label=_("Amended, som"), required=False)
    executed = MoneyField(label=_("Executed, som"), required=False)

    class Meta:
        model = BudgetLine
        fields = ["kind", "classification", "name_ky", "name_ru", "category", "planned", "amended", "executed"]

    CODES_LIST_ID = "classification-codes"

    def __init__(self, *args, classifications=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.classifications = {item.code: item for item in classifications or []}
        codes_by_pk = {item.pk: item.code for item in classifications or []}
        self.fields["classification"] = forms.CharField(
            label=_("Classification code"), max_length=20,
            widget=forms.TextInput(attrs={"list": self.CODES_LIST_ID, "inputmode": "numeric", "size": 7,
                                          "autocomplete": "off"}))
        if self.instance.classification_id:
            self.initial["classification"] = codes_by_pk.get(self.instance.classification_id, "")
        category = self.fields["category"]
        category.required = False
        if not self.is_bound and self.instance.kind:
            # A saved line offers its own side's categories only (a select of 15 options on every
            # row was a third of the page); a posted row is checked against all, and clean() says
            # which side a wrong one belongs to.
            side = {str(value) for value in (REVENUE_CATEGORIES if self.instance.kind == Kind.REVENUE
                                             else EXPENDITURE_CATEGORIES)}
            category.choices = [(value, label) for value, label in category.choices if not value or value in side]
        for name in ("name_ky", "name_ru"):
            self.fields[name].widget.attrs["class"] = "line-name"
        compact_widgets(self)

    def clean_classification(self):
        item = self.classifications.get(self.cleaned_data["classification"].strip())
        if item is None:
            raise forms.ValidationError(_("Choose a classification code from the list."))
        return item

    def clean(self):
        cleaned = super().clean()
        item, kind = cleaned.get("classification"), cleaned.get("kind")
        if item and not cleaned.get("category"):
            cleaned["category"] = item.citizen_category
        if item and kind and item.kind != kind:
            self.add_error("classification", _("This code belongs to the other side of the budget."))
        category = cleaned.get("category")
        if category and kind:
            allowed = REVENUE_CATEGORIES if kind == Kind.REVENUE else EXPENDITURE_CATEGORIES
            if category not in allowed:
                self.add_error("category", _("This category belongs to the other side of the budget."))
        return cleaned

    def validate_unique(self):
        # The formset checks duplicates across all rows at once; the database constraint stays.
        pass


class ExecutionLineForm(VersionedModelForm):
    executed = MoneyField(label=_("Executed, som"), required=False)

    class Meta:
        model = BudgetLine
        fields = ["executed"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        compact_widgets(self)

    def validate_unique(self):
        pass


class BaseLineFormSet(forms.BaseInlineFormSet):
    with_choices = True

    def __init__(self, *args, **kwargs):
        # No id on each of the table's hundreds of inputs: each input sits in its own <label>.
        kwargs.setdefault("auto_id", False)
        super().__init__(*args, **kwargs)
        if self.with_choices:
            self.classifications = classification_choices()
        # Only the rows of this page: the stale check costs one query however long the year is.
        self.saved_versions = dict(self.queryset.order_by().values_list("pk", "version")) if self.is_bound else {}

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        kwargs["saved_versions"] = self.saved_versions
        if self.with_choices:
            kwargs.update(classifications=self.classifications)
        return kwargs

    def clean(self):
        """No line twice (kind, code, name), across all rows: told on the row that repeats."""
        seen = {}
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or (not form.has_changed() and not form.instance.pk):
                continue
            if self.can_delete and self._should_delete_form(form):
                continue
            data = form.cleaned_data
            if not data.get("classification") or not data.get("name_ky") or not data.get("kind"):
                continue  # a row with a wrong kind already carries its own error
            key = (data["kind"], data["classification"].pk, " ".join(data["name_ky"].split()).lower())
            if key in seen:
                form.add_error("name_ky", _("The same line (kind, code and name) is already in row %(row)s.") % {
                    "row": seen[key]})
            else:
                seen[key] = self.forms.index(form) + 1
        self._check_other_pages(seen)
        if len([form for form in self.forms if form.instance.pk or form.has_changed()]) > MAX_ROWS:
            raise forms.ValidationError(_("A year has at most %(limit)s lines.") % {"limit": MAX_ROWS})

    def _check_other_pages(self, seen):
        """The editor shows a page of lines: a row must not repeat a line on another page either
        (the database would refuse it; this says where). Lines are told apart by their Kyrgyz
        name, as in clean(): a plain "name" would be the reader's language (modeltranslation)."""
        if not seen or not self.instance.pk:
            return
        here = [form.instance.pk for form in self.forms if form.instance.pk]
        others = (BudgetLine.objects.filter(budget_year=self.instance,
                                            classification_id__in={key[1] for key in seen})
                  .exclude(pk__in=here).values_list("kind", "classification_id", "name_ky"))
        for kind, classification_id, name in others:
            row = seen.get((kind, classification_id, " ".join((name or "").split()).lower()))
            if row is not None:
                self.forms[row - 1].add_error("name_ky", _(
                    "The same line (kind, code and name) is already in this year's budget, on another page."))

    @property
    def is_stale(self):
        return any(getattr(form, "is_stale", False) for form in self.forms)


class BaseExecutionFormSet(BaseLineFormSet):
    with_choices = False

    def clean(self):
        pass


# Two empty rows to add lines (more are added a page at a time, or by importing a file).
LineFormSet = inlineformset_factory(BudgetYear, BudgetLine, form=BudgetLineForm, formset=BaseLineFormSet,
                                    extra=2, can_delete=True)
ExecutionFormSet = inlineformset_factory(BudgetYear, BudgetLine, form=ExecutionLineForm,
                                         formset=BaseExecutionFormSet, extra=0, can_delete=False)


class LineFilterForm(CleanForm):
    """Which lines the editor shows (GET): a side of the budget and a classification group."""

    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("Revenue and expenditure")),
                                                                        *Kind.choices],
                             widget=forms.Select(attrs={"class": "form-select form-select-sm"}))
    code = forms.CharField(label=_("Code starts with"), required=False, max_length=20,
                           widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 8,
                                                         "class": "form-control form-control-sm"}))

    def filter(self, lines):
        if not self.is_valid():
            return lines
        if self.cleaned_data["kind"]:
            lines = lines.filter(kind=self.cleaned_data["kind"])
        code = self.cleaned_data["code"].strip()
        if code:
            lines = lines.filter(classification__code__startswith=code)
        return lines


class PublicLineFilterForm(CleanForm):
    """Which lines the citizen's line list shows (GET): a side of the budget and a section of the
    classification (its top codes: a short, fixed list)."""

    kind = forms.ChoiceField(label=_("Kind"), required=False,
                             choices=[("", _("Revenue and expenditure")), *Kind.choices],
                             widget=forms.Select(attrs={"class": "form-select form-select-sm"}))
    section = forms.TypedChoiceField(label=_("Section"), required=False, coerce=int, empty_value=None,
                                     widget=forms.Select(attrs={"class": "form-select form-select-sm"}))
    code = forms.CharField(label=_("Code starts with"), required=False, max_length=20,
                           widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 8,
                                                         "class": "form-control form-control-sm"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.roots = BudgetClassification.objects.sections()
        sections = sorted({root.pk: root for root in self.roots.values()}.values(), key=lambda root: root.code)
        self.fields["section"].choices = [("", _("All sections")),
                                          *((root.pk, f"{root.code} {root.name}") for root in sections)]

    def filter(self, lines):
        if not self.is_valid():
            return lines
        if self.cleaned_data["kind"]:
            lines = lines.filter(kind=self.cleaned_data["kind"])
        section = self.cleaned_data["section"]
        if section:
            lines = lines.filter(classification_id__in=[pk for pk, root in self.roots.items() if root.pk == section])
        if self.cleaned_data["code"].strip():
            lines = lines.filter(classification__code__startswith=self.cleaned_data["code"].strip())
        return lines


class ImportForm(CleanForm):
    file = forms.FileField(label=_("CSV or XLSX file"), error_messages={"empty": _("The file is empty.")},
                           help_text=_("Columns: kind, code, name, category, planned, amended, executed. "
                                       "CSV in UTF-8 or Windows-1251; amounts like 250000, 250 000 or 250000,50."),
                           widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}))


class ClassificationForm(CleanModelForm):
    class Meta:
        model = BudgetClassification
        fields = ["code", "kind", "parent", "name_ky", "name_ru", "name_en", "citizen_category"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        parents = BudgetClassification.objects.all()
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents
        self.fields["citizen_category"].choices = CitizenCategory.choices

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        if not code.replace(".", "").replace("-", "").isalnum():
            raise forms.ValidationError(_("A code has digits (and letters), no spaces."))
        return code


class CompareYearsForm(CleanForm):
    """Which years the citizen's comparison shows (GET): those up to `to` (a number field, so the
    form is as small with a hundred years as with three)."""

    to = forms.IntegerField(label=_("Show the years up to"), required=False, min_value=1, max_value=9999,
                            widget=forms.NumberInput(attrs={"class": "form-control form-control-sm", "size": 6}))

    def __init__(self, data, *, years):
        """`years`: the published years, ascending: the field's bounds."""
        super().__init__(data)
        if years:
            self.fields["to"].widget.attrs.update(min=years[0].year, max=years[-1].year)

    def last_year(self):
        """The year asked for, or None (the latest) when none or no number was asked for."""
        return self.cleaned_data["to"] if self.is_valid() else None
