"""Every form of the portal cleans control characters from what people type (core.text)."""
import importlib
import inspect

import pytest
from django import forms

from core.text import CleanTextMixin, clean_text

FORM_MODULES = ["budget.forms", "groups.forms", "hearings.forms", "projects.forms", "core.forms",
                "portal.views_council"]
# Django's own login form: a password must reach the hasher exactly as typed.
EXEMPT = {"LoginForm"}


def our_forms():
    for module_name in FORM_MODULES:
        module = importlib.import_module(module_name)
        for name, value in vars(module).items():
            if (inspect.isclass(value) and issubclass(value, forms.BaseForm) and value.__module__ == module_name
                    and name not in EXEMPT):
                yield value


@pytest.mark.parametrize("form_class", list(our_forms()), ids=lambda form_class: form_class.__name__)
def test_every_form_of_the_portal_cleans_control_characters(form_class):
    assert issubclass(form_class, CleanTextMixin)


@pytest.mark.parametrize("raw, clean", [
    ("Бюджет\x0bугуусу", "Бюджет\nугуусу"),        # Word's manual line break
    ("a\x0cb\x1cc\x1dd\x1ee\x85f\u2028g\u2029h", "a\nb\nc\nd\ne\nf\ng\nh"),
    ("a\r\nb\rc", "a\nb\nc"),
    ("x\x00y\x01\x07\x1b\x7f\x9fz", "xyz"),      # meaningless controls dropped
    ("таб\tжана ңөү", "таб\tжана ңөү"),            # tab and Kyrgyz letters stay
])
def test_clean_text_turns_line_breaks_into_newlines_and_drops_other_controls(raw, clean):
    assert clean_text(raw) == clean
