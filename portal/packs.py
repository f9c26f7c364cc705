"""Council session packs: one PDF with a cover, a contents page and every section a deputy or
a member of staff picked (hearing minutes, a budget year, project cards, the group register,
the annual participation report).

Each section is rendered from the include and the context its app provides (the app knows
how its documents look); the portal only assembles them. Rendering a pack takes seconds, so
the PDF is stored with a fingerprint of what it was made from: the last change (simple-history)
of every object in it. Printing again with nothing changed sends the stored bytes.
"""
import hashlib
import io
import time
from dataclasses import dataclass, field
from functools import partial
from importlib import import_module

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Max
from django.template.loader import render_to_string, select_template
from django.template import TemplateDoesNotExist
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core import pdf as portal_pdf
from core.models import Municipality
from portal.models import CouncilPack

# Bump when the pack's layout changes, so that stored PDFs are rendered again.
LAYOUT_VERSION = 2


@dataclass
class Section:
    kind: str
    title: str
    template: str
    # The template's context, or a function that builds it: built only when the PDF is rendered,
    # so that a reprint with nothing changed costs a few aggregate queries, not the whole report.
    context: object
    is_draft: bool = False
    # (historical manager, filter) pairs whose last change marks this section's data.
    sources: list = field(default_factory=list)
    anchor: str = ""
    html: str = ""


def _app_function(*dotted_names):
    """The first of `module:function` that exists: an app's own context builder, if it has one."""
    for dotted in dotted_names:
        module_name, _, name = dotted.partition(":")
        try:
            module = import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name != module_name:
                raise
            continue
        function = getattr(module, name, None)
        if callable(function):
            return function
    return None


def _first_template(*names):
    try:
        return select_template(list(names)).template.name
    except TemplateDoesNotExist:
        return None


def viewer_for(pack, user):
    """Who the sections are rendered for: the deputy or staff member when the pack asks for
    drafts, otherwise a citizen, so that a pack without the box ticked is exactly what the
    public may see."""
    return user if pack.include_drafts else AnonymousUser()


# --- Sections --------------------------------------------------------------------------------

def hearing_sections(pack, user):
    from hearings.models import Hearing, Proposal

    hearings = pack.hearings.all() if pack.include_drafts else pack.hearings.published()
    hearings = hearings.select_related("village", "budget_year", "programme").order_by("starts_at")
    build = _app_function("hearings.pdf:minutes_context", "hearings.reports:minutes_context",
                          "hearings.views:minutes_context")
    template = _first_template("pdf/hearings/_minutes_body.html", "pdf/portal/sections/_hearing.html")
    sections = []
    for hearing in hearings:
        if build and template.startswith("pdf/hearings/"):
            context = partial(build, hearing)
        else:
            context = partial(lambda hearing: {
                "hearing": hearing, "figures": hearing.proposals.figures(),
                "proposals": hearing.proposals.select_related("village", "group")}, hearing)
        sections.append(Section(
            kind="hearing",
            title=_("Minutes of the public hearing “%(topic)s”, %(date)s") % {
                "topic": hearing.topic, "date": timezone.localtime(hearing.starts_at).strftime("%d.%m.%Y")},
            template=template, context=context, is_draft=not hearing.is_published,
            sources=[(Hearing.history, {"id": hearing.pk}), (Proposal.history, {"hearing_id": hearing.pk})],
        ))
    return sections


def budget_sections(pack, user):
    from budget.models import BudgetLine, BudgetYear

    if not pack.budget_year_id:
        return []
    years = BudgetYear.objects.filter(pk=pack.budget_year_id)
    if not pack.include_drafts:
        years = years.published()
    budget_year = years.first()
    if budget_year is None:
        return []
    build = _app_function("budget.pdf:council_context", "budget.reports:council_context",
                          "budget.reports:council_annexes")
    template = _first_template("pdf/budget/_council_body.html", "pdf/portal/sections/_budget.html")
    def context():
        if build and template.startswith("pdf/budget/"):
            return {"budget_year": budget_year, **build(budget_year)}
        lines = budget_year.lines.select_related("classification").order_by("kind", "position",
                                                                              "classification__code")
        return {"budget_year": budget_year, "lines": lines, "totals": lines.totals()}
    return [Section(
        kind="budget",
        title=_("Local budget for %(year)s") % {"year": budget_year.year},
        template=template, context=context, is_draft=not budget_year.is_published,
        sources=[(BudgetYear.history, {"id": budget_year.pk}),
                 (BudgetLine.history, {"budget_year_id": budget_year.pk})],
    )]


def project_sections(pack, user):
    from projects.models import FundingContribution, ProgressUpdate, Project

    projects = pack.projects.all() if pack.include_drafts else pack.projects.published()
    projects = projects.with_totals().prefetch_related("villages", "groups").order_by("title")
    build = _app_function("projects.pdf:card_context", "projects.reports:card_context",
                          "projects.selectors:card_context", "projects.views:card_context")
    template = _first_template("pdf/projects/_card_body.html", "pdf/portal/sections/_project.html")
    sections = []
    for project in projects:
        if build and template.startswith("pdf/projects/"):
            context = partial(build, project)
        else:
            context = partial(lambda project: {"project": project, "cash_by_source": project.cash_by_source(),
                                               "contributions": project.contributions.all()}, project)
        sections.append(Section(
            kind="project",
            title=_("Project card: %(title)s") % {"title": project.title},
            template=template, context=context, is_draft=not project.is_published,
            sources=[(Project.history, {"id": project.pk}),
                     (FundingContribution.history, {"project_id": project.pk}),
                     (ProgressUpdate.history, {"project_id": project.pk})],
        ))
    return sections


def group_sections(pack, user):
    from groups.models import InitiativeGroup, Membership, Person

    if not pack.include_group_register:
        return []
    viewer = viewer_for(pack, user)
    build = _app_function("groups.pdf:register_context", "groups.reports:register_context",
                          "groups.selectors:register")
    template = _first_template("pdf/groups/_register_body.html", "pdf/portal/sections/_groups.html")
    def context():
        if build and template.startswith("pdf/groups/"):
            return build(viewer)
        groups = InitiativeGroup.objects.visible_to(viewer).with_member_counts().order_by("founded_on")
        return {"register_groups": list(groups)}
    has_drafts = pack.include_drafts and InitiativeGroup.objects.drafts().exists()
    return [Section(
        kind="groups", title=_("Register of initiative groups"), template=template, context=context,
        is_draft=has_drafts,
        sources=[(InitiativeGroup.history, {}), (Membership.history, {}), (Person.history, {})],
    )]


def report_sections(pack, user):
    from groups.models import InitiativeGroup, Membership, Person
    from hearings.models import Hearing, Proposal
    from projects.models import FundingContribution, Project

    from portal.annual_report import annual_report

    if not pack.report_year:
        return []
    return [Section(
        kind="report",
        title=_("Annual participation report for %(year)s") % {"year": pack.report_year},
        template="pdf/portal/_annual_report_body.html",
        context=partial(lambda year: {"report": annual_report(year)}, pack.report_year),
        sources=[(model.history, {}) for model in
                 (InitiativeGroup, Membership, Person, Hearing, Proposal, Project, FundingContribution)],
    )]


SECTION_BUILDERS = [hearing_sections, budget_sections, project_sections, group_sections, report_sections]


def pack_sections(pack, user):
    sections = []
    for builder in SECTION_BUILDERS:
        sections.extend(builder(pack, user))
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
    seen = set()
    for section in sections:
        parts.append(f"section={section.kind}:{section.title}")
        for manager, filters in section.sources:
            key = (manager.model._meta.label, tuple(sorted(filters.items())))
            if key in seen:
                continue
            seen.add(key)
            marks = manager.filter(**filters).aggregate(last=Max("history_date"), rows=Count("pk"))
            parts.append(f"{key}={marks['last']}/{marks['rows']}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def render_sections(sections, user):
    base = {"municipality": Municipality.current(), "LANGUAGE_CODE": get_language(), "user": user,
            "in_pack": True}
    for section in sections:
        context = section.context() if callable(section.context) else section.context
        section.html = mark_safe(render_to_string(section.template, {**base, **context}))


def count_pages(pdf_bytes):
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


def section_choices_summary(pack):
    """What a pack holds, as short lines for its page: no rendering, a few queries."""
    lines = []
    for hearing in pack.hearings.order_by("starts_at"):
        lines.append((_("Minutes of the public hearing"), str(hearing), not hearing.is_published))
    if pack.budget_year:
        lines.append((_("Local budget"), str(pack.budget_year), not pack.budget_year.is_published))
    for project in pack.projects.order_by("title"):
        lines.append((_("Project card"), str(project), not project.is_published))
    if pack.include_group_register:
        lines.append((_("Register of initiative groups"), "", False))
    if pack.report_year:
        lines.append((_("Annual participation report"), str(pack.report_year), False))
    return lines
