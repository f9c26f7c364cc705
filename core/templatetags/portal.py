"""Display helpers every template may use (registered as builtins in settings):
money in som, thousand som for official tables, numbers, shares."""
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache

from django import template
from django.utils.formats import get_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

register = template.Library()

NBSP = "\xa0"


def _group(integer_text):
    """'250000' -> '250 000' with a no-break space, so a sum never wraps on a phone."""
    sign = "-" if integer_text.startswith("-") else ""
    digits = integer_text.lstrip("-")
    groups = []
    while digits:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    return sign + NBSP.join(groups or ["0"])


def _decimal(value):
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


@lru_cache(maxsize=8)
def _decimal_separator(language):
    return get_format("DECIMAL_SEPARATOR", language)


def format_number(value, places=0):
    if not places and type(value) is int:  # most figures: a count, no Decimal needed (5 times faster)
        return _group(str(value))
    number = _decimal(value)
    if number is None:
        return ""
    quantum = Decimal(1).scaleb(-places)
    number = number.quantize(quantum, rounding=ROUND_HALF_UP)
    text = f"{number:f}"
    integer, _dot, fraction = text.partition(".")
    result = _group(integer)
    if places:
        # get_format() is slow to call for every number of a 2 000-line table: once per language.
        result += _decimal_separator(get_language()) + fraction
    return result


@register.filter
def num(value, places=0):
    """2000 -> '2 000'."""
    return format_number(value, int(places))


@register.filter
def som(value):
    """250000 -> '250 000 сом'; tyiyn are shown only when there are any."""
    number = _decimal(value)
    if number is None:
        return "—"
    places = 0 if number == number.to_integral_value() else 2
    return _("%(amount)s som") % {"amount": format_number(number, places)}


@register.filter
def ksom(value):
    """Thousand som with one decimal, as official tables write them: 250000 -> '250,0'."""
    number = _decimal(value)
    if number is None:
        return "—"
    return format_number(number / 1000, 1)


@register.simple_tag
def percent(part, whole, places=0):
    """The share of `part` in `whole`, as '37 %'; a dash when it cannot be computed."""
    part, whole = _decimal(part), _decimal(whole)
    if part is None or not whole:
        return "—"
    return f"{format_number(part * 100 / whole, places)}{NBSP}%"


@register.filter
def visible_to(obj, user):
    """`{% if hearing.programme|visible_to:user %}`: whether the reader may see the object (no
    object: no). The one rule, in templates: the object's is_visible_to."""
    return obj is not None and obj.is_visible_to(user)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


# The msgids the PDFs' bilingual headings use, listed so that makemessages keeps them.
BILINGUAL_HEADINGS = (
    gettext_noop("RESOLUTION"),
    gettext_noop("Aiyl kenesh: %(municipality)s"),
    gettext_noop("On the local budget for %(year)s"),
    gettext_noop("DRAFT BUDGET"),
    gettext_noop("INITIATIVE GROUP"),
    gettext_noop("REGISTER OF INITIATIVE GROUPS"),
    gettext_noop("ANNOUNCEMENT: PUBLIC HEARING"),
    gettext_noop("MINUTES OF THE PUBLIC HEARING"),
    gettext_noop("SESSION OF THE AIYL KENESH"),
    gettext_noop("Annex 1. Revenues of the local budget"),
    gettext_noop("Annex 2. Expenditures of the local budget"),
)


@register.simple_tag
def bilingual(msgid, lines=False, **values):
    """A catalogue entry in Kyrgyz and in Russian, for the bilingual headings of official PDFs
    ("ТОКТОМ / ПОСТАНОВЛЕНИЕ"), whatever the reader's language: "ky / ru", or on two lines.
    `values` fill the msgid's %(name)s placeholders; a value given as `name_ky=` / `name_ru=` is
    used in that language only. Use: {% bilingual "RESOLUTION" %}, {% bilingual "…" lines=True %}."""
    from django.utils.html import format_html
    from django.utils.safestring import mark_safe
    from django.utils.translation import override

    halves = []
    for language in ("ky", "ru"):
        filled = {key: value for key, value in values.items() if key[-3:] not in ("_ky", "_ru")}
        filled.update({key[:-3]: value for key, value in values.items() if key.endswith(f"_{language}")})
        with override(language):
            text = _(msgid) % filled if filled else _(msgid)
        halves.append(format_html('<span lang="{}">{}</span>', language, text))
    return mark_safe(("<br>" if lines else " / ").join(halves))


@register.filter(needs_autoescape=True)
def tr(obj, field, autoescape=True):
    """A translated field (core.bilingual) in the reader's language: `{{ hearing|tr:"topic" }}`.
    Where it is missing in that language, the text of the next language in the fallback order
    (ru → ky, ky → ru, en → ru → ky) is shown in `<span lang="ky">` (or "ru"), so that screen
    readers and hyphenation know; never the empty string where any language has the text.
    Line breaks become <br>. `obj` is a model instance or a `.values()` row."""
    from core.bilingual import marked

    return marked(obj, field, autoescape=autoescape)


@register.filter
def missing_russian(obj):
    """Whether a text of `obj` is in Kyrgyz but not in Russian (core.bilingual; no query)."""
    from core.bilingual import missing_russian as missing

    return bool(obj) and missing(obj)
