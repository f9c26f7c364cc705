"""Text as people paste it (from Word, Excel, old systems) made safe for every page and file.

Word writes its manual line break as U+000B and a page break as U+000C; Unicode has its own line
and paragraph separators. XML (the Atom feed), XLSX and PDF fonts have no place for these
controls: one of them in a hearing's topic made the feed answer 500 to every visitor. So every
text a person types (`CleanTextMixin`, on every form) and every row the budget import reads goes
through `clean_text`, and every output runs what is already stored through it again.
"""
import re

from django import forms
from django.utils.translation import gettext_lazy as _

# Controls that mean "a new line" where they come from: they become "\n".
LINE_BREAKS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_LINE_BREAK_RE = re.compile("\r\n|[\r" + re.escape(LINE_BREAKS) + "]")
# Every other C0 control (tab and newline stay), DEL and the C1 controls: dropped.
_DROPPED_RE = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f\x80-\x84\x86-\x9f]")


def clean_text(value):
    """str -> the same text with line-break controls turned into "\\n" (and "\\r\\n", "\\r" into
    "\\n") and every other control character except tab dropped. Anything else is returned as is."""
    if not isinstance(value, str):
        return value
    if value.isprintable():  # the common case costs one C-level scan
        return value
    return _DROPPED_RE.sub("", _LINE_BREAK_RE.sub("\n", value))


class CleanTextMixin:
    """For every form of the portal: text fields never receive control characters.

    The submitted values are cleaned before any field sees them, so a form's own `clean_*()`,
    its model's `clean()` and the saved row all get the same, safe text. Files are untouched.
    The forms of a formset share one submitted QueryDict: it is cleaned once for all of them."""

    def full_clean(self):
        if self.is_bound and self.data:
            self.data = cleaned_submission(self.data)
        super().full_clean()


def cleaned_submission(data):
    """A copy of submitted form data (QueryDict or dict) with every value through clean_text;
    remembered on a QueryDict, so the hundred forms of a formset copy it once, not each."""
    if getattr(data, "_is_clean_copy", False):
        return data
    cached = getattr(data, "_clean_copy", None)
    if cached is not None:
        return cached
    if hasattr(data, "setlist"):
        clean = data.copy()
        for key in list(clean.keys()):
            clean.setlist(key, [clean_text(value) for value in data.getlist(key)])
        clean._is_clean_copy = True
        data._clean_copy = clean
        return clean
    return {key: clean_text(value) for key, value in data.items()}


class CleanForm(CleanTextMixin, forms.Form):
    """The portal's plain form: text is cleaned of control characters."""


# Every amount the portal's model forms take is in som with tiyin (DecimalField, 2 decimal places):
# Django's own messages for too many digits are vague, and its Kyrgyz one is garbled.
AMOUNT_MESSAGES = {
    "max_decimal_places": _(
        "Amounts are in som: at most %(max)s digits after the decimal point (tyiyn), e.g. 1000.55."),
    "max_digits": _("The amount is too large: at most %(max)s digits in all."),
    "max_whole_digits": _("The amount is too large: at most %(max)s digits before the decimal point."),
}


class CleanModelForm(CleanTextMixin, forms.ModelForm):
    """The portal's model form: text is cleaned of control characters; amounts get clear
    messages; a field that failed gets only its own message, not a second one from the model's
    clean(), which saw the field empty (1000.555 som is refused, then "the amount is required")."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.DecimalField):
                field.error_messages = {**field.error_messages, **AMOUNT_MESSAGES}

    def add_error(self, field, error):
        if field is None and hasattr(error, "error_dict") and self._errors:
            failed = {name for name in self._errors if name in self.fields}
            kept = {name: messages for name, messages in error.error_dict.items() if name not in failed}
            if not kept:
                return
            error = forms.ValidationError(kept)
        super().add_error(field, error)
