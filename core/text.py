"""Text as people paste it (from Word, Excel, old systems) made safe for every page and file.

Word writes its manual line break as U+000B and a page break as U+000C; Unicode has its own line
and paragraph separators. XML (the Atom feed), XLSX and PDF fonts have no place for these
controls: one of them in a hearing's topic made the feed answer 500 to every visitor. So every
text a person types (`CleanTextMixin`, on every form) and every row the budget import reads goes
through `clean_text`, and every output runs what is already stored through it again.
"""
import re

from django import forms

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


class CleanModelForm(CleanTextMixin, forms.ModelForm):
    """The portal's model form: text is cleaned of control characters."""
