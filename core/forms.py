"""Form pieces every app's staff pages share."""
import types

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import transaction
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core import bilingual
from core.text import CleanModelForm

STALE_EDIT_MESSAGE = _(
    "Someone else saved this while you were editing it. Nothing of yours was saved: "
    "their version is shown below; make your changes again and save."
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class VersionedModelForm(CleanModelForm):
    """For models with `core.models.Versioned`: the second of two overlapping edits is refused
    instead of silently overwriting the first. The version read with the form travels in a
    hidden field; `save()` writes only if the row still has it."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, saved_versions=None, **kwargs):
        super().__init__(*args, **kwargs)
        # A formset may read every row's current version in one query and hand them in here,
        # so that checking a table of rows does not cost a query per row.
        self.saved_versions = saved_versions or {}
        if self.instance.pk:
            self.initial["version"] = self.instance.version
        self.is_stale = False
        self.stale_notice = False

    def non_field_errors(self):
        """The form's own non-field errors, and, on the fresh form shown after a refused stale
        save (StaleAwareFormMixin), the message that says why their version is shown."""
        errors = super().non_field_errors()
        if self.stale_notice and STALE_EDIT_MESSAGE not in errors:
            errors = self.error_class([*errors, STALE_EDIT_MESSAGE], error_class="nonfield",
                                      renderer=self.renderer)
        return errors

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and cleaned.get("version") is not None and cleaned["version"] != self._saved_version():
            self.is_stale = True
            raise forms.ValidationError(STALE_EDIT_MESSAGE, code="stale")
        return cleaned

    def _saved_version(self):
        if self.instance.pk in self.saved_versions:
            return self.saved_versions[self.instance.pk]
        return type(self.instance)._default_manager.filter(pk=self.instance.pk).values_list(
            "version", flat=True).first()

    @transaction.atomic
    def save(self, commit=True):
        if not commit or not self.instance.pk:
            return super().save(commit=commit)
        expected = self.cleaned_data.get("version")
        if expected is None:
            expected = self.instance.version
        instance = super().save(commit=False)
        if not instance.save_if_unchanged(expected):
            # Someone saved between clean() and here: refuse, roll back, show theirs.
            self.is_stale = True
            self.add_error(None, STALE_EDIT_MESSAGE)
            transaction.set_rollback(True)
            return None
        self._save_m2m()
        return instance


class StaleAwareFormMixin:
    """For UpdateViews with a VersionedModelForm: on a stale save, show the form again with the
    other person's values, so nothing is lost silently."""

    def form_valid(self, form):
        if isinstance(form, VersionedModelForm):
            saved = form.save()
            if saved is None:
                return self.form_invalid(form)
            self.object = saved
            return self.on_saved(form)
        return super().form_valid(form)

    def on_saved(self, form):
        """After a save that was not stale: the view's `success_message` (named as
        SuccessMessageMixin names it; the mixin itself would speak on a refused stale save too)
        and the redirect."""
        from django.contrib import messages
        from django.http import HttpResponseRedirect

        message = getattr(self, "success_message", "")
        if message:
            messages.success(self.request, message % form.cleaned_data)
        return HttpResponseRedirect(self.get_success_url())

    def form_invalid(self, form):
        if getattr(form, "is_stale", False):
            self.object = type(self.object)._default_manager.get(pk=self.object.pk)
            form = type(form)(instance=self.object, **self._stale_form_kwargs())
            form.stale_notice = True
        return self.render_to_response(self.get_context_data(form=form))

    def _stale_form_kwargs(self):
        kwargs = self.get_form_kwargs()
        for key in ("data", "files", "instance"):
            kwargs.pop(key, None)
        return kwargs


class LoginForm(AuthenticationForm):
    # Our own wording: Django's Kyrgyz catalogue garbles this one. It never says which part was wrong.
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("The user name or the password is not right. Check both and try again."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # AuthenticationForm sets max_length without its validator: an over-long name reached
        # authenticate() and axes' varchar(255) log, a 500 on PostgreSQL.
        field = self.fields["username"]
        field.validators.append(MaxLengthValidator(field.max_length or 150))


_LARGEST_ID = 2**63 - 1


class SafeModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A ModelMultipleChoiceField that answers an id beyond what the database can hold with
    "not a valid choice" instead of a 500: Django's own checks each value with `pk__in`, which
    SQLite turns into OverflowError (ModelChoiceField already refuses such ids by itself).
    Forms use it for their many-to-many fields (Meta.field_classes) and own choice lists."""

    def _check_values(self, value):
        for item in value or ():
            try:
                number = int(str(item))
            except ValueError:
                continue  # Django's own check answers non-numbers
            if not 0 <= number <= _LARGEST_ID:
                raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice",
                                            params={"value": str(item)[:20]})
        return super()._check_values(value)


def with_translations(model, fields):
    """`fields` for a ModelForm's Meta, each translated field of `model` (core.bilingual) given
    as its Kyrgyz, Russian and English columns: ["topic"] → ["topic_ky", "topic_ru", "topic_en"]."""
    from modeltranslation.translator import NotRegistered, translator

    try:
        translated = translator.get_options_for_model(model).fields
    except NotRegistered:
        translated = {}
    expanded = []
    for name in fields:
        if name in translated:
            expanded += [bilingual.localized(name, language) for language in bilingual.LANGUAGES]
        else:
            expanded.append(name)
    return expanded


def per_language(options):
    """Meta.widgets or Meta.error_messages given for translated fields, for each language's
    column: {"notes": Textarea()} → {"notes_ky": Textarea(), "notes_ru": …, "notes_en": …}."""
    return {bilingual.localized(name, language): value
            for name, value in options.items() for language in bilingual.LANGUAGES}


class TranslatedFieldsMixin:
    """For ModelForms whose Meta.fields come from `with_translations`: Kyrgyz and Russian side by
    side, Kyrgyz required where the model requires the field, Russian optional, English optional
    and folded away; every error of a language's field names the language ("Russian: at most
    300 characters."). Render with `{% crispy form %}` (the layout is in `self.helper`)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model = self._meta.model
        self.translated_fields = []
        for name in list(self.fields):
            base, _sep, language = name.rpartition("_")
            if language not in bilingual.LANGUAGES or not base or base in self.translated_fields:
                continue
            try:
                original = model._meta.get_field(base)
            except Exception:  # a field that merely ends in _ky, _ru or _en
                continue
            if bilingual.localized(base, "ky") not in self.fields:
                continue  # a table may carry only some languages (the budget lines: ky and ru)
            self.translated_fields.append(base)
            for code in bilingual.LANGUAGES:
                if bilingual.localized(base, code) in self.fields:
                    self._set_up_language_field(self.fields[bilingual.localized(base, code)], original, code)
        self.helper = bilingual_form_helper(self)

    def add_error(self, field, error):
        """Errors the model's clean() gives a translated field ("funder") go to its Kyrgyz one."""
        if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
            error = ValidationError({self._language_field(name): errors for name, errors in error.error_dict.items()})
        elif isinstance(error, dict):
            error = {self._language_field(name): errors for name, errors in error.items()}
        super().add_error(self._language_field(field) if field else field, error)

    def _language_field(self, name):
        if name in getattr(self, "translated_fields", ()) and name not in self.fields:
            return bilingual.localized(name, "ky")
        return name

    @staticmethod
    def _set_up_language_field(field, original, language):
        name = bilingual.LANGUAGE_NAMES[language]
        field.label = _("%(field)s (%(language)s)") % {"field": capfirst(original.verbose_name), "language": name}
        field.required = language == "ky" and not original.blank
        field.help_text = original.help_text if language == "ky" else ""
        field.error_messages["required"] = _("%(language)s: %(error)s") % {
            "language": name, "error": field.error_messages["required"]}
        if original.max_length:
            field.validators = [validator for validator in field.validators
                                if not isinstance(validator, MaxLengthValidator)]
            field.validators.append(MaxLengthValidator(original.max_length, message=_(
                "%(language)s: at most %(limit)d characters (now %%(show_value)d).") % {
                    "language": name, "limit": original.max_length}))
        if language != "ky":
            field.widget.attrs["lang"] = language


def bilingual_form_helper(form):
    """A crispy FormHelper laying out `form`'s fields in order, each translated field's Kyrgyz
    and Russian side by side and its English in a folded <details>. No <form> tag: the page
    has its own."""
    from crispy_forms.helper import FormHelper
    from crispy_forms.layout import HTML, Column, Layout, Row

    helper = FormHelper(form)
    helper.form_tag = False
    helper.disable_csrf = True
    helper.include_media = False  # the page renders {{ form.media }} once, in its head
    # A formset adds `id` and `DELETE` after __init__, when this layout is already made: without
    # these, an edited row would lose its id and the whole formset be refused unseen.
    helper.render_unmentioned_fields = True
    helper.render_hidden_fields = True
    items = []
    done = set()
    for name in form.fields:
        base, _sep, language = name.rpartition("_")
        if base in getattr(form, "translated_fields", ()) and language in bilingual.LANGUAGES:
            if base in done:
                continue
            done.add(base)
            ky, ru, en = (bilingual.localized(base, code) for code in bilingual.LANGUAGES)
            items.append(Row(*[Column(name, css_class="col-12 col-md-6") for name in (ky, ru) if name in form.fields],
                             css_class="bilingual-pair"))
            if en in form.fields:
                # Rendered with the page (crispy's HTML is a template): open when it has text or an error.
                items += [HTML('<details class="mb-3"{%% if form.%(en)s.value or form.%(en)s.errors %%} open{%% endif %%}>'
                               '<summary>{{ form.%(en)s.label }}</summary>' % {"en": en}),
                          en, HTML("</details>")]
        else:
            items.append(name)
    helper.layout = Layout(*items)
    return helper


# --- Long tables of rows (budget lines, planning's problems) --------------------------------------

def compact_render(widget, name, value, attrs=None, renderer=None):
    """A widget of a long table written out by string formatting instead of its template:
    hundreds of widgets a page, each rendered through Django's widget templates, were most of the
    budget line editor's time; and no class or stray whitespace in every cell (the table's CSS
    styles them), so the page stays light. Same attributes, same values as the widget's own."""
    attrs = widget.build_attrs(widget.attrs, attrs)
    if isinstance(widget, forms.Select):
        chosen = set(widget.format_value(value))
        options = format_html_join("", '<option value="{}"{}>{}</option>', (
            (option, " selected" if str(option) in chosen else "", label) for option, label in widget.choices))
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(attrs), options)
    if isinstance(widget, forms.Textarea):
        # The newline after the tag is what Django's template writes too: a value starting with
        # one keeps it.
        return format_html('<textarea name="{}"{}>\n{}</textarea>', name, flatatt(attrs),
                           widget.format_value(value) or "")
    if isinstance(widget, forms.CheckboxInput):
        attrs["checked"] = widget.check_test(value)
    else:
        value = widget.format_value(value)
        if value not in (None, ""):
            attrs["value"] = value
    return format_html('<input type="{}" name="{}"{}>', widget.input_type, name, flatatt(attrs))


def compact_widgets(form):
    """Render a table row's widgets with compact_render (inputs, textareas and single selects)."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, (forms.widgets.Input, forms.Textarea)) or (
                isinstance(widget, forms.Select) and not widget.allow_multiple_selected):
            widget.render = types.MethodType(compact_render, widget)


def posted_ids(data, prefix, limit):
    """The ids of the existing rows a formset was sent with (hostile values dropped): a paged
    table saves the rows that were shown, whatever was added elsewhere meanwhile."""
    try:
        count = min(int(data.get(f"{prefix}-INITIAL_FORMS", 0)), limit)
    except (TypeError, ValueError):
        return []
    return [int(value) for value in (data.get(f"{prefix}-{index}-id", "") for index in range(max(count, 0)))
            if value.isascii() and value.isdigit() and len(value) < 19]
