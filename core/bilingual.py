"""Content stored in Kyrgyz and Russian side by side (django-modeltranslation).

Why modeltranslation (and not django-parler): the languages live as columns of the same row
(`title_ky`, `title_ru`, `title_en` behind one `title`), so a page reads a row once, with no
join and no extra query per object: query counts stay flat as data grow. Filters and ordering
follow the active language, and the fallback order (ru → ky, ky → ru, en → ru → ky) is set once
in settings (MODELTRANSLATION_*). Our data are two languages of the same text, not per-language
objects, which is exactly its model.

This module knows no app: it gives the pieces every app's `translation.py`, forms, templates,
selectors and migrations share.
"""
import re

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

#: The content languages, in the order staff forms show them (Kyrgyz, the state language, first).
LANGUAGES = ("ky", "ru", "en")
LANGUAGE_NAMES = {"ky": _("Kyrgyz"), "ru": _("Russian"), "en": _("English")}


def register(model, fields):
    """Register `fields` of `model` for translation, and give its history model
    (django-simple-history) the same per-language columns.

    The history model is built when the model class is prepared, before modeltranslation adds
    `title_ky`…; without these columns every save would fail (simple-history copies all the
    model's fields into the history row)."""
    from modeltranslation.translator import TranslationOptions, translator

    options = type(f"{model.__name__}TranslationOptions", (TranslationOptions,), {"fields": tuple(fields)})
    translator.register(model, options)
    history = getattr(model, "history", None)
    if history is None:
        return
    historical = history.model
    for name in fields:
        original = model._meta.get_field(name)
        for language in LANGUAGES:
            column = f"{name}_{language}"
            if any(field.name == column for field in historical._meta.local_fields):
                continue
            _name, _path, args, kwargs = original.deconstruct()
            kwargs.update(null=True, blank=True)
            field = type(original)(*args, **kwargs)
            historical.add_to_class(column, field)


def localized(name, language):
    return f"{name}_{language}"


def is_empty(value):
    return value is None or (isinstance(value, str) and not value.strip())


def missing_q(name, language="ru"):
    """Rows whose `name` has no text in `language` (None or blank), as a Q for `.filter()`."""
    column = localized(name, language)
    return Q(**{f"{column}__isnull": True}) | Q(**{column: ""})


def any_missing_q(fields, language="ru", required_in="ky"):
    """Rows where some field that has text in `required_in` has none in `language`."""
    query = Q()
    for name in fields:
        query |= missing_q(name, language) & ~missing_q(name, required_in)
    return query


def fallback_order(language):
    """The languages to try for a reader of `language`, their own first (settings)."""
    fallbacks = settings.MODELTRANSLATION_FALLBACK_LANGUAGES
    chain = fallbacks.get(language, fallbacks.get("default", ()))
    return (language,) + tuple(code for code in chain if code != language)


def value_in(obj, name, language):
    """(text, language it is in) for `obj.name` read by a reader of `language`, following the
    fallback order; ("", language) where no language has it. `obj` may be a model or a dict
    (a `.values()` row)."""
    get = obj.get if isinstance(obj, dict) else (lambda key, default=None: getattr(obj, key, default))
    for code in fallback_order(language):
        value = get(localized(name, code))
        if not is_empty(value):
            return value, code
    value = get(name)
    return ("" if value is None else value), language



def marked(obj, name, language=None, autoescape=True):
    """`obj.name` in the reader's language as safe HTML: escaped, line breaks as <br>, and wrapped
    in `<span lang="ky">` (or "ru") where the text falls back to the other language, so that screen
    readers and hyphenation know. What the `|tr` filter shows; also for texts that reach pages
    outside a template's filter (search results, council pack labels)."""
    from django.utils.html import conditional_escape
    from django.utils.safestring import mark_safe
    from django.utils.translation import get_language

    if obj is None or obj == "":
        return ""
    language = language or (get_language() or "ky")[:2]
    value, found_in = value_in(obj, name, language)
    text = (conditional_escape(str(value)) if autoescape else str(value)).replace("\r\n", "\n").replace("\n", "<br>")
    if found_in != language and text:
        return mark_safe(f'<span lang="{found_in}">{text}</span>')
    return mark_safe(text)

# --- Splitting the old "Kyrgyz / Russian" texts ---------------------------------------------------
# Kyrgyz has three letters Russian has not; Russian words and endings Kyrgyz does not use, and
# the Kyrgyz words and endings that carry no special letter, settle the rest.
KYRGYZ_LETTERS = set("ңөүҢӨҮ")
RUSSIAN_LETTERS = set("щъёЩЪЁ")  # not э: Kyrgyz writes эне, эл, эмерек
KYRGYZ_WORDS = {
    "жана", "менен", "боюнча", "үчүн", "жөнүндө", "бала", "бакча", "бакчаны", "мектеп", "мектеби",
    "суу", "сууну", "жол", "району", "облусу", "долбоору", "долбоорун", "программасы", "топ", "тобу",
    "аты", "жыл", "жылы", "кеңеши", "кызмат", "жарыгы", "иштери", "кармоо", "тейлөө", "оңдоо", "жардам",
    "чарба", "салыгы", "акысы", "жери", "жерлери", "чек", "арада", "борбор",
}
KYRGYZ_PREFIXES = ("айыл", "мектеп", "бакча", "долбоор")
RUSSIAN_WORDS = {
    "и", "в", "во", "на", "по", "для", "за", "из", "от", "при", "о", "об", "с", "со", "к", "не", "год",
    "года", "годы", "году", "годов", "лет", "село", "села", "сёл", "школа", "школы", "школ",
    "дом", "культуры", "район", "область", "проект", "программа", "программы", "плата", "налог",
    "доля", "местный", "местного", "местные", "бюджет", "бюджета", "работ", "работы", "ремонт",
    "содержание", "помощь", "поддержка", "вывоз", "мусора", "аренда", "покупка", "подвоз", "улучшение",
    "имя", "слушания", "слушаний", "предложения", "предложений", "группа", "группы", "мебель",
    "оборудование", "родители", "население", "жители", "жителей", "конкурс", "конкурса", "организаторы",
    "окмоту", "окмоты", "кенеш", "кенеша", "кенешу", "аймак", "аймака", "центр", "границе",
}
KYRGYZ_ENDINGS = ("нын", "нин", "дын", "дин", "тын", "тин", "нун", "дун", "тун", "лары", "лери", "дары",
                  "дери", "тары", "тери", "лар", "лер", "лор", "дар", "дер", "дор", "тар", "тер", "тор",
                  "луу", "дуу", "туу", "лык", "лик", "дык", "дик", "тык", "тик", "уучу", "оочу", "ыны",
                  "ини", "ынан", "ынын", "ыгы", "иги", "оо", "уу", "ында", "инде", "унда", "дан", "ден",
                  "тан", "тен", "ган", "ген", "ды", "ди", "ту")
RUSSIAN_ENDINGS = ("ого", "его", "ому", "ему", "ый", "ий", "ая", "яя", "ое", "ее", "ые", "ие", "ых", "их",
                   "ение", "ание", "ения", "ания", "ость", "ции", "ция", "ские", "ских", "ской", "ский",
                   "ства", "ство", "ных", "ной", "ами", "ями", "ться", "ется", "ает", "ют", "ь", "ено",
                   "ена", "ано", "ила", "ыла", "ела", "цев", "ков", "нем", "ием")
WORD = re.compile(r"[а-яёңөүА-ЯЁҢӨҮ][а-яёңөүА-ЯЁҢӨҮ-]*")
# Names quoted in the other language («Местные инициативы» in a Kyrgyz sentence) say nothing
# about the language of the sentence around them.
QUOTED = re.compile(r"«[^»]*»|\"[^\"]*\"")


def language_scores(text):
    """(Kyrgyz points, Russian points, has a letter only Kyrgyz has) of `text`: letters one
    language has and the other not, then words and endings typical of one of them."""
    text = QUOTED.sub(" ", text)
    has_kyrgyz_letters = any(char in KYRGYZ_LETTERS for char in text)
    kyrgyz = sum(3 for char in text if char in KYRGYZ_LETTERS)
    russian = sum(3 for char in text if char in RUSSIAN_LETTERS)
    for word in WORD.findall(text):
        lower = word.lower()
        if lower in KYRGYZ_WORDS or lower.startswith(KYRGYZ_PREFIXES):
            kyrgyz += 2
        elif lower in RUSSIAN_WORDS:
            russian += 2
        elif len(lower) > 3 and lower.endswith(KYRGYZ_ENDINGS):
            kyrgyz += 1
        elif len(lower) > 3 and lower.endswith(RUSSIAN_ENDINGS):
            russian += 1
    return kyrgyz, russian, has_kyrgyz_letters


def _kyrgyz_then_russian(first, second):
    """Whether `first` reads as Kyrgyz and `second` as Russian (the letters and words of each)."""
    k1, r1, letters1 = language_scores(first)
    k2, r2, letters2 = language_scores(second)
    if letters2 or not WORD.search(first) or not WORD.search(second):
        return False  # Russian has no ң ө ү
    russian_second = r2 > k2
    kyrgyz_first = letters1 or k1 > r1
    return ((kyrgyz_first and russian_second)
            or (letters1 and k2 <= r2)                 # "… программасы / ВПП ООН"
            or (russian_second and r1 == 0 and k1 - r1 > k2 - r2))  # "Борбор, чек арада / Центр, на границе"


def language_of(text):
    """"ky", "ru", or None when the text does not say (no letters, or as Kyrgyz as Russian)."""
    kyrgyz, russian, letters = language_scores(text)
    if letters or kyrgyz > russian:
        return "ky"
    if russian > kyrgyz:
        return "ru"
    return None


SEPARATORS = ("\n\n", "\n", " / ")


def _two_halves(parts, separator):
    """The cut of `parts` into a Kyrgyz half and a Russian half (either order), or None."""
    best = None
    for cut in range(1, len(parts)):
        first, second = separator.join(parts[:cut]).strip(), separator.join(parts[cut:]).strip()
        if _kyrgyz_then_russian(first, second):
            halves = (first, second)
        elif _kyrgyz_then_russian(second, first):
            halves = (second, first)
        else:
            continue
        if separator == " / " and cut != len(parts) // 2 and len(parts) > 2:
            continue  # several " / " in one text: only the middle one can part two languages
        best = halves
        break
    return best


def split_bilingual(text):
    """Split an old one-field text written as "Kyrgyz / Russian" (or a Kyrgyz paragraph, then a
    Russian one; or every line so) into (kyrgyz, russian). A text that is not two languages
    comes back whole as Kyrgyz: (text, "").

    Which half is which is decided by the letters and words of each half (see
    `language_scores`), never by position alone: "Russian / Kyrgyz" is split the right way round."""
    if not text or not text.strip():
        return text or "", ""
    for separator in SEPARATORS:
        parts = text.split(separator)
        if len(parts) < 2:
            continue
        halves = _two_halves(parts, separator)
        if halves:
            return halves
    lines = text.split("\n")
    if len(lines) > 1:
        pairs = [split_bilingual(line) if line.strip() else ("", "") for line in lines]
        if all(russian or not kyrgyz.strip() for kyrgyz, russian in pairs):
            return "\n".join(k for k, _r in pairs).strip("\n"), "\n".join(r for _k, r in pairs).strip("\n")
    return text, ""


def split_rows(model, fields, using="default"):
    """The data migration's step for one model (historical, from `apps.get_model`): every
    original value of `fields` goes into its `_ky` column, or into `_ky` and `_ru` where it is
    two languages. Rows are saved with `update_fields`, in batches."""
    rows = []
    for row in model.objects.using(using).all().iterator():
        for name in fields:
            kyrgyz, russian = split_bilingual(getattr(row, name) or "")
            setattr(row, localized(name, "ky"), kyrgyz)
            setattr(row, localized(name, "ru"), russian or None)
            if russian:
                setattr(row, name, kyrgyz)
        rows.append(row)
    updated = [localized(name, code) for name in fields for code in ("ky", "ru")] + list(fields)
    model.objects.using(using).bulk_update(rows, updated, batch_size=200)
    return len(rows)


def translated_fields(model):
    """The names of `model`'s translated fields (its translation.py), or () if none."""
    from modeltranslation.translator import NotRegistered, translator

    try:
        return tuple(translator.get_options_for_model(model).fields)
    except NotRegistered:
        return ()


def in_languages(model, values):
    """`values` for `model` (kwargs of create/update_or_create) with every translated field written
    as "Kyrgyz / Russian" given as its `_ky` and `_ru` columns: what the demo and the old single
    texts use. {"title": "Бала бакча / Детский сад"} → {"title_ky": "Бала бакча",
    "title_ru": "Детский сад"}."""
    translated = translated_fields(model)
    result = {}
    for name, value in values.items():
        if name in translated and isinstance(value, str):
            kyrgyz, russian = split_bilingual(value)
            result[localized(name, "ky")], result[localized(name, "ru")] = kyrgyz, russian
        else:
            result[name] = value
    return result


def all_columns(model, fields):
    """`fields` of `model` with every translated one given as all its language columns, for a
    search that finds a word in whichever language it was written: ["topic", "village__name"] →
    ["topic_ky", "topic_ru", "topic_en", "village__name"]."""
    translated = translated_fields(model)
    columns = []
    for name in fields:
        if name in translated:
            columns += [localized(name, language) for language in LANGUAGES]
        else:
            columns.append(name)
    return columns


def empty_q(name):
    """Rows whose `name` has no text in any language (a plain `name=""` would look at the reader's
    language only: modeltranslation rewrites it)."""
    query = Q()
    for language in LANGUAGES:
        query &= missing_q(name, language)
    return query


def missing_russian(obj):
    """Whether `obj` has a translated text in Kyrgyz that has no Russian (read from the row: no
    query)."""
    for name in translated_fields(type(obj)):
        if not is_empty(getattr(obj, localized(name, "ky"), None)) and is_empty(
                getattr(obj, localized(name, "ru"), None)):
            return True
    return False


def missing_russian_q(model):
    """Rows of `model` with a text in Kyrgyz and none in Russian, as a Q (see any_missing_q)."""
    return any_missing_q(translated_fields(model))
