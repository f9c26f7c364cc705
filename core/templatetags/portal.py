"""Display helpers every template may use (registered as builtins in settings):
money in som, thousand som for official tables, numbers, shares."""
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache

from django import template
from django.utils.formats import get_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

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


@register.filter(needs_autoescape=True)
def tr(obj, field, autoescape=True):
    """A translated field (core.bilingual) in the reader's language: `{{ hearing|tr:"topic" }}`.
    Where it is missing in that language, the text of the next language in the fallback order
    (ru → ky, ky → ru, en → ru → ky) is shown in `<span lang="ky">` (or "ru"), so that screen
    readers and hyphenation know; never the empty string where any language has the text.
    Line breaks become <br>. `obj` is a model instance or a `.values()` row."""
    from django.utils.html import conditional_escape
    from django.utils.safestring import mark_safe

    from core.bilingual import value_in

    if obj is None or obj == "":
        return ""
    language = (get_language() or "ky")[:2]
    value, found_in = value_in(obj, field, language)
    escape = conditional_escape if autoescape else (lambda text: text)
    text = escape(str(value)).replace("\r\n", "\n").replace("\n", "<br>")
    if found_in != language and text:
        return mark_safe(f'<span lang="{found_in}">{text}</span>')
    return mark_safe(text)


@register.filter
def missing_russian(obj):
    """Whether a text of `obj` is in Kyrgyz but not in Russian (core.bilingual; no query)."""
    from core.bilingual import missing_russian as missing

    return bool(obj) and missing(obj)
