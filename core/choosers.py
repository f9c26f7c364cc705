"""Searchable choosers: picking one object (or several) among thousands without a select that
grows with the data.

A chooser field renders what is chosen now (ticked), a search box with a "Search" button, and at
most `CHOOSER_LIMIT` matches of the search (or, before any search, the first ones in the field's
queryset order: the form orders the queryset so that what makes sense comes first).

Without JavaScript the "Search" button submits the whole form with `_search=<field name>`:
`ChooserFormMixin` then treats the submission as a search step (nothing is validated or saved,
no errors shown, everything typed so far is kept) and the page comes back with the matches.
With JavaScript, htmx (vendored in static/vendor/htmx) posts the same form as one types and swaps
in only the chooser's options from the page it gets back: one code path, the form's own
queryset and permission checks, no endpoint of its own to keep in step.

Enter in a field submits a form with its first submit button, which would be a chooser's
"Search": so a form with a chooser starts with a hidden default button that saves
(`{% include "includes/default_submit.html" %}` right after its csrf_token). With JavaScript,
Enter inside a chooser's own search box runs its search (static/js/chooser.js).

Validation is Django's: a chosen id outside the field's queryset (or a hostile one) is an
invalid choice, never a 500.
"""
import unicodedata

from django import forms
from django.db import connection
from django.db.models import Case, IntegerField, Q, Value, When
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from core import bilingual
from core.forms import _LARGEST_ID, SafeModelMultipleChoiceField

CHOOSER_LIMIT = 20
SEARCH_STEP = "_search"
MAX_QUERY_LENGTH = 100


def clean_text(raw):
    """What a chooser searches for: control and formatting characters dropped, spaces folded."""
    text = "".join(char if unicodedata.category(char)[0] != "C" else " " for char in (raw or "")[:MAX_QUERY_LENGTH])
    return unicodedata.normalize("NFC", " ".join(text.split()))


def matching(fields, text):
    """Every word of `text` in one of `fields`, in any case. SQLite folds the case of Latin
    letters only, so Cyrillic words are also tried lower-, upper- and title-cased there."""
    condition = Q()
    for word in text.split()[:6]:
        variants = {word} if connection.vendor == "postgresql" else {word, word.lower(), word.upper(),
                                                                     word.capitalize()}
        condition &= Q(*[Q(**{f"{field}__icontains": variant}) for field in fields for variant in variants],
                       _connector=Q.OR)
    return condition


def possible_ids(values):
    """The values that can be row ids; anything else (hostile input) is left to validation."""
    ids = []
    for value in values:
        try:
            number = int(str(value))
        except ValueError:
            continue
        if 0 < number <= _LARGEST_ID:
            ids.append(number)
    return ids


def _ordering(queryset):
    """The order the queryset would give its rows (its own, else the model's, else by id)."""
    query = queryset.query
    if query.order_by:
        return list(query.order_by)
    if query.default_ordering and queryset.model._meta.ordering:
        return list(queryset.model._meta.ordering)
    return ["pk"]


def offered(queryset, chosen_ids, found, limit):
    """(chosen, matches): the rows of `queryset` whose id is in `chosen_ids`, and the first `limit`
    others (only those matching the Q `found`, when a search was typed), each in the queryset's
    order. One query: what is chosen sorts first, so one LIMIT covers both lists."""
    rows = queryset if found is None else queryset.filter(Q(pk__in=chosen_ids) | found if chosen_ids else found)
    if chosen_ids:
        rows = rows.annotate(_chooser_rank=Case(When(pk__in=chosen_ids, then=Value(0)), default=Value(1),
                                                output_field=IntegerField()))
        rows = rows.order_by("_chooser_rank", *_ordering(queryset))
    chosen, matches, seen = [], [], set()
    for obj in rows[:len(chosen_ids) + limit]:
        if obj.pk not in seen:  # a search across a to-many relation may repeat a row
            seen.add(obj.pk)
            (chosen if obj.pk in chosen_ids else matches).append(obj)
    return chosen, matches


class ChooserWidget(forms.Widget):
    template_name = "includes/chooser.html"
    allow_multiple_selected = False

    class Media:
        js = [forms.Script("vendor/htmx/htmx.min.js", defer=True), forms.Script("js/chooser.js", defer=True)]

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.query = ""
        self.choices = ()

    def __deepcopy__(self, memo):
        copied = super().__deepcopy__(memo)
        copied.query = self.query
        return copied

    def format_value(self, value):
        if value is None:
            return []
        if not isinstance(value, (list, tuple)):
            value = [value]
        return [str(item) for item in value if item not in (None, "")]

    def value_from_datadict(self, data, files, name):
        if self.allow_multiple_selected:
            return data.getlist(name) if hasattr(data, "getlist") else data.get(name)
        return data.get(name)

    def value_omitted_from_data(self, data, files, name):
        # An empty multiple choice sends nothing: that is "none chosen", not "omitted".
        return False if self.allow_multiple_selected else name not in data

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        field = self.choices.field
        queryset = self.choices.queryset
        chosen_ids = set(possible_ids(context["widget"]["value"]))
        text = clean_text(self.query)
        # A translated field is searched in every language it may be written in.
        found = matching(bilingual.all_columns(queryset.model, field.search_fields), text) if text else None
        chosen, matches = offered(queryset, chosen_ids, found, CHOOSER_LIMIT + 1)
        widget_id = context["widget"]["attrs"].get("id") or f"id_{name}"
        context["chooser"] = {
            "multiple": self.allow_multiple_selected,
            "input_type": "checkbox" if self.allow_multiple_selected else "radio",
            "chosen": [(obj.pk, field.label_from_instance(obj)) for obj in chosen],
            "matches": [(obj.pk, field.label_from_instance(obj)) for obj in matches[:CHOOSER_LIMIT]],
            "more": len(matches) > CHOOSER_LIMIT,
            "query": text,
            "searched": bool(text),
            "empty_label": getattr(field, "empty_label", None) if not field.required else None,
            "nothing_chosen": not chosen,
            "search_name": f"{name}__q",
            "options_id": f"{widget_id}_options",
            "step_name": SEARCH_STEP,
            "step_value": name,
            "limit": CHOOSER_LIMIT,
            "placeholder": field.search_placeholder,
        }
        return context

    def render(self, name, value, attrs=None, renderer=None):
        # The project's template loader (templates/includes/), not the form renderer's.
        return mark_safe(render_to_string(self.template_name, self.get_context(name, value, attrs)))


class MultipleChooserWidget(ChooserWidget):
    allow_multiple_selected = True


class _ChooserMixin:
    def __init__(self, *args, search_fields=("name",), search_placeholder=None, **kwargs):
        kwargs.setdefault("widget", self.widget)
        super().__init__(*args, **kwargs)
        self.search_fields = tuple(search_fields)
        self.search_placeholder = search_placeholder or _("Type a few letters of the name")
        if getattr(self, "empty_label", None) == "---------":
            self.empty_label = _("— none —")


class ChooserField(_ChooserMixin, forms.ModelChoiceField):
    """Pick one object: `ChooserField(queryset, search_fields=("full_name",))`; the queryset is
    what may be chosen, in the order offered before any search."""

    widget = ChooserWidget


class MultipleChooserField(_ChooserMixin, SafeModelMultipleChoiceField):
    """Pick any number of objects; what is ticked stays ticked across search steps."""

    widget = MultipleChooserWidget


class ChooserFormMixin:
    """For any form with chooser fields. A submission made by a chooser's "Search" button
    (`_search=<field>`) is a search step: not valid, no errors, nothing saved; the form comes
    back with the typed values and the matches. Views need no change: they see an invalid form
    and show it again."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.is_search_step = self.is_bound and SEARCH_STEP in self.data
        self.set_chooser_queries()

    def set_chooser_queries(self):
        """Hand each chooser what was typed in its search box (call again after adding fields)."""
        for name, field in self.fields.items():
            if isinstance(field.widget, ChooserWidget):
                field.widget.query = (self.data.get(f"{self.add_prefix(name)}__q", "") if self.is_bound else "")

    def full_clean(self):
        if self.is_search_step:
            self._errors = forms.utils.ErrorDict()
            self.cleaned_data = {}
            return
        super().full_clean()

    def is_valid(self):
        return not self.is_search_step and super().is_valid()


class ResolutionChooserField(ChooserField):
    """A council resolution found by its number or a few words of its title, the newest first
    (the model's order)."""

    def __init__(self, **kwargs):
        super().__init__(search_fields=("number", "title"),
                         search_placeholder=_("Type the number or a few words of the title"), **kwargs)
