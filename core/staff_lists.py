"""Staff lists: 50 rows a page, filtered by year and status with a plain GET form (works
without JavaScript), so that no staff list grows with ten years of data."""
from django import forms
from django.utils.translation import gettext_lazy as _

from core.models import Publishable

STAFF_PAGE_SIZE = 50


class StaffListFilterForm(forms.Form):
    """`years`: the years that have rows (newest first); `statuses`: (value, label) pairs."""

    year = forms.TypedChoiceField(label=_("Year"), coerce=int, empty_value=None, required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, data, *, years, statuses):
        super().__init__(data)
        self.fields["year"].choices = [("", _("All years"))] + [(year, year) for year in years]
        self.fields["status"].choices = [("", _("All statuses"))] + list(statuses)
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select form-select-sm"

    def filter(self, queryset, *, year_lookup, status_lookup):
        if not self.is_valid():
            return queryset
        if self.cleaned_data["year"]:
            queryset = queryset.filter(**{year_lookup: self.cleaned_data["year"]})
        if self.cleaned_data["status"]:
            queryset = queryset.filter(**{status_lookup: self.cleaned_data["status"]})
        return queryset


class StaffListMixin:
    """For a ListView: `date_field` gives the years (e.g. "starts_at"), `year_lookup` filters on
    them ("starts_at__year"); `statuses` and `status_lookup` the status filter (publication by
    default). The filter form is in the context as `filter_form`."""

    paginate_by = STAFF_PAGE_SIZE
    date_field = None
    year_lookup = None
    status_lookup = "status"
    statuses = Publishable.Status.choices

    def filter_list(self, queryset):
        years = [day.year for day in queryset.model._default_manager.dates(self.date_field, "year", order="DESC")]
        self.filter_form = StaffListFilterForm(self.request.GET or None, years=years, statuses=self.statuses)
        return self.filter_form.filter(queryset, year_lookup=self.year_lookup, status_lookup=self.status_lookup)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "filter_form": self.filter_form}
