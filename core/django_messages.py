"""Django's own messages whose Kyrgyz translation is broken ("300символ", a missing space, a
wrong word). Listing them here keeps them in our catalogue, which Django reads before its own,
so our corrected Kyrgyz wins. Nothing imports this module: only `makemessages` reads it."""
from django.utils.translation import gettext_noop, ngettext_lazy

PLURAL = (
    ngettext_lazy("Ensure this value has at least %(limit_value)d character (it has %(show_value)d).",
                  "Ensure this value has at least %(limit_value)d characters (it has %(show_value)d).",
                  "limit_value"),
    ngettext_lazy("Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
                  "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
                  "limit_value"),
    ngettext_lazy("Ensure that there are no more than %(max)s digit in total.",
                  "Ensure that there are no more than %(max)s digits in total.", "max"),
    ngettext_lazy("Ensure this filename has at most %(max)d character (it has %(length)d).",
                  "Ensure this filename has at most %(max)d characters (it has %(length)d).", "max"),
    ngettext_lazy("%(size)d byte", "%(size)d bytes", "size"),
)

SINGLE = (
    gettext_noop("File extension “%(extension)s” is not allowed. Allowed extensions are: %(allowed_extensions)s."),
    gettext_noop("“%(value)s” value has the correct format (YYYY-MM-DD) but it is an invalid date."),
    gettext_noop("“%(pk)s” is not a valid value."),
    gettext_noop("%(datetime)s couldn’t be interpreted in time zone %(current_timezone)s; "
                 "it may be ambiguous or it may not exist."),
)
