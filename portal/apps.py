from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        _refuse_out_of_range_ids_everywhere()


def _refuse_out_of_range_ids_everywhere():
    """Django's model choice fields let an id larger than the database can hold through to the
    query, which then fails with a 500 (OverflowError on SQLite, DataError on PostgreSQL). Every
    form of every app gets the range check of core.forms instead: an invalid choice."""
    from django import forms

    from core.forms import SafeModelChoiceField, SafeModelMultipleChoiceField

    forms.ModelChoiceField.to_python = SafeModelChoiceField.to_python
    forms.ModelMultipleChoiceField._check_values = SafeModelMultipleChoiceField._check_values
