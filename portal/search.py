"""Search across everything published: the kinds each app declares (core.contributions
SearchKind: hearings, proposals, programmes, projects, initiative groups, budget lines).

On PostgreSQL a full-text match (config 'simple': there is no Kyrgyz dictionary, and 'simple'
treats Kyrgyz and Russian words alike) is combined with a substring match, so that a part of a
word ("китепкана" in "китепканалардын") is found too. On SQLite only the substring match runs.
Case folding never depends on the database's locale: SQLite folds Latin letters only, and a
PostgreSQL created with the C locale folds no Cyrillic at all (core.checks warns about it), so
the words are folded in Python and tried lower-, upper- and title-cased on every database. Personal data is never searched: no author names, no chairs or secretaries, no
people, no phones.
"""
import unicodedata

from django.db import connection
from django.db.models import Q

from core.contributions import all_contributions

from core import bilingual

MAX_QUERY_LENGTH = 200
MAX_WORDS = 8
MIN_WORD_LENGTH = 2
RESULTS_PER_KIND = 20


def clean_query(raw):
    """The query as searched: control and formatting characters (NUL, RTL marks, zero-width
    joiners) dropped, whitespace folded, cut to a sane length."""
    text = (raw or "")[: MAX_QUERY_LENGTH * 4]
    text = "".join(" " if char.isspace() else char for char in text
                   if unicodedata.category(char) not in ("Cc", "Cf", "Cs", "Co", "Cn") or char.isspace())
    text = unicodedata.normalize("NFC", " ".join(text.split()))
    return text[:MAX_QUERY_LENGTH].strip()


def query_words(text):
    words = [word.strip(".,;:!?«»\"'()[]") for word in text.split()]
    return [word for word in words if len(word) >= MIN_WORD_LENGTH][:MAX_WORDS]


def kinds():
    """[SearchKind] of every app (core.contributions), in INSTALLED_APPS order."""
    return [kind for contributions in all_contributions() for kind in contributions.search_kinds()]


def _variants(word):
    """The word as typed and in the three cases Python folds right for ң ө ү and ё."""
    return {word, word.lower(), word.upper(), word.capitalize()}


def _substring_condition(fields, words):
    """Every word somewhere in the fields (any case)."""
    condition = Q()
    for word in words:
        any_field = Q()
        for field in fields:
            for variant in _variants(word):
                any_field |= Q(**{f"{field}__icontains": variant})
        condition &= any_field
    return condition


def _filter(kind, queryset, text, words):
    # A word is found in whichever language it was written (Kyrgyz, Russian or English columns).
    fields = bilingual.all_columns(queryset.model, kind.fields)
    condition = _substring_condition(fields, words)
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        document = SearchVector(*fields, config="simple")
        query = SearchQuery(text, config="simple", search_type="plain")
        condition |= Q(search_document=query)
        # Whole-word matches first, then the substring-only ones, each kind in its own order.
        ordering = ["-search_rank", *queryset.query.order_by]
        return (queryset.annotate(search_document=document, search_rank=SearchRank(document, query))
                .filter(condition).order_by(*ordering))
    return queryset.filter(condition)


def search(raw_query):
    """{"query", "groups": [{"key", "label", "results": [...], "more"}], "total"}; an empty
    or unusable query gives no groups (the page says what to do)."""
    text = clean_query(raw_query)
    words = query_words(text)
    result = {"query": text, "groups": [], "total": 0, "searched": bool(words)}
    if not words:
        return result
    for kind in kinds():
        found = list(_filter(kind, kind.queryset(), " ".join(words), words)[: RESULTS_PER_KIND + 1])
        if not found:
            continue
        result["groups"].append({
            "key": kind.key,
            "label": kind.label,
            "results": [{"title": kind.title(obj), "text": kind.text(obj), "url": kind.url(obj)}
                        for obj in found[:RESULTS_PER_KIND]],
            "more": len(found) > RESULTS_PER_KIND,
        })
        result["total"] += min(len(found), RESULTS_PER_KIND)
    return result
