"""Council session packs: one PDF with a cover, a contents page and every section a deputy or
a member of staff picked (hearing minutes, a budget year, project cards, the group register,
the annual participation report).

Each section is rendered from the include and the context its app provides through its pack
choices (core.contributions.PackChoice: the app knows how its documents look); the portal only
assembles them. Rendering a pack takes seconds, so
the PDF is stored with a fingerprint of what it was made from: the last change (simple-history)
of every object in it. Printing again with nothing changed sends the stored bytes.
"""
import hashlib
import io
import time

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Max
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.contributions import PackSection, all_contributions
from core import pdf as portal_pdf
from portal.annual_report import annual_report
from core.models import Municipality
from portal.models import CouncilPack

# Bump when the pack's layout changes, so that stored PDFs are rendered again.
LAYOUT_VERSION = 4


def viewer_for(pack, user):
    """Who the sections are rendered for: the deputy or staff member when the pack asks for
    drafts, otherwise a citizen, so that a pack without the box ticked is exactly what the
    public may see."""
    return user if pack.include_drafts else AnonymousUser()


def pack_choices():
    """[PackChoice] of every app, in the order their sections take in a pack."""
    choices = [choice for contributions in all_contributions() for choice in contributions.pack_choices()]
    return sorted(choices, key=lambda choice: choice.order)


def report_sections(pack):
    """The annual participation report of the pack's year, the portal's own section."""
    if not pack.report_year:
        return []
    sources = [(manager, {}) for contributions in all_contributions() for manager in contributions.report_sources()]
    return [PackSection(
        kind="report",
        title=_("Annual participation report for %(year)s") % {"year": pack.report_year},
        template="pdf/portal/_annual_report_body.html",
        context=lambda: {"report": annual_report(pack.report_year)},
        sources=sources,
    )]


def pack_sections(pack, user):
    """[PackSection] of everything in the pack, in order, as `user` may print them: each
    choice's picked objects cut to what the viewer may see, then handed to the app."""
    viewer = viewer_for(pack, user)
    picked = pack.picked()
    sections = []
    for choice in pack_choices():
        if choice.key not in picked:
            continue
        objects = [] if choice.queryset is None else choice.queryset(viewer).filter(pk__in=picked[choice.key])
        sections.extend(choice.sections(objects, viewer))
    sections.extend(report_sections(pack))
    for number, section in enumerate(sections, start=1):
        section.anchor = f"section-{number}"
    return sections


# --- Fingerprint and rendering ---------------------------------------------------------------

def fingerprint(pack, sections):
    """A hash of everything the PDF shows: the pack's own fields, the language, and the last
    change (time and number of history rows) of every object behind each section. Deleted
    children leave a history row too, so removals count as changes."""
    session = pack.session
    parts = [
        f"layout={LAYOUT_VERSION}", f"lang={get_language()}", f"drafts={pack.include_drafts}",
        f"session={session.convocation}/{session.number}/{session.date}/{session.agenda}",
        f"title={pack.title}",
    ]
    municipality = Municipality.history.aggregate(last=Max("history_date"), rows=Count("pk"))
    parts.append(f"municipality={municipality['last']}/{municipality['rows']}")
    keys, seen = [], set()
    for section in sections:
        parts.append(f"section={section.kind}:{section.title}")
        for manager, filters in section.sources:
            key = (manager.model._meta.label, tuple(sorted(filters.items())))
            if key not in seen:
                seen.add(key)
                keys.append((key, manager, filters))
                parts.append(key)
    marks = _history_marks(keys)
    parts = [f"{part}={marks[part]}" if isinstance(part, tuple) else part for part in parts]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _history_marks(keys):
    """{key: "last change/number of rows"} of each (history manager, filter) source: one grouped
    aggregate per history model and filtered field over all the pack's ids (a pack of twenty
    project cards costs three queries, not sixty); a whole table or a filter on several fields
    (rare) is aggregated on its own."""
    marks, grouped = {}, {}
    for key, manager, filters in keys:
        if len(filters) == 1:
            (field, value), = filters.items()
            grouped.setdefault((manager.model, field), (manager, {}))[1][value] = key
        else:
            found = manager.filter(**filters).aggregate(last=Max("history_date"), rows=Count("pk"))
            marks[key] = f"{found['last']}/{found['rows']}"
    for (_model, field), (manager, wanted) in grouped.items():
        rows = (manager.filter(**{f"{field}__in": list(wanted)}).order_by().values(field)
                .annotate(last=Max("history_date"), rows=Count("pk")))
        found = {row[field]: f"{row['last']}/{row['rows']}" for row in rows}
        for value, key in wanted.items():
            marks[key] = found.get(value, "None/0")
    return marks


def render_sections(sections, user):
    base = {"municipality": Municipality.current(), "LANGUAGE_CODE": get_language(), "user": user,
            "in_pack": True}
    for section in sections:
        context = section.context() if callable(section.context) else section.context
        section.html = mark_safe(render_to_string(section.template, {**base, **context}))


def count_pages(pdf_bytes):
    if getattr(pdf_bytes, "pages", None) is not None:  # core.pdf.PdfBytes counted them while rendering
        return pdf_bytes.pages
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf_bytes)).pages)


def pack_pdf(pack, user):
    """The pack's PDF bytes: the stored ones when nothing in the pack changed, freshly rendered
    (and stored) otherwise. Returns (bytes, was_rendered)."""
    sections = pack_sections(pack, user)
    mark = fingerprint(pack, sections)
    if pack.pdf and pack.pdf_fingerprint == mark:
        return bytes(pack.pdf), False
    started = time.monotonic()
    render_sections(sections, viewer_for(pack, user))
    html = portal_pdf.render_html("pdf/portal/council_pack.html", {
        "pack": pack, "session": pack.session, "sections": sections,
        "has_drafts": pack.include_drafts,
    })
    pdf_bytes = portal_pdf.html_to_pdf(html)
    pack.pdf = pdf_bytes
    pack.pdf_fingerprint = mark
    pack.pdf_generated_at = timezone.now()
    try:
        pack.pdf_pages = count_pages(pdf_bytes)
    except Exception:  # a page count is nice to show, never worth failing the print for
        pack.pdf_pages = None
    pack.render_seconds = time.monotonic() - started
    CouncilPack.objects.filter(pk=pack.pk).update(
        pdf=pdf_bytes, pdf_fingerprint=mark, pdf_generated_at=pack.pdf_generated_at, pdf_pages=pack.pdf_pages)
    return pdf_bytes, True


def section_choices_summary(pack, user):
    """What a pack holds, as (what, which, is draft) lines for its page: no rendering, a query
    a choice."""
    lines = []
    picked = pack.picked()
    for choice in pack_choices():
        if choice.key not in picked:
            continue
        if choice.queryset is None:
            lines.append((capfirst(choice.label), "", False))
            continue
        for obj in choice.queryset(user).filter(pk__in=picked[choice.key]):
            lines.append((capfirst(choice.label), choice.item_label(obj), not getattr(obj, "is_published", True)))
    if pack.report_year:
        lines.append((_("Annual participation report"), str(pack.report_year), False))
    return lines
