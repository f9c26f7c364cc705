"""One definition of each planning report, read by the pages, the PDFs, the council pack and
open data alike (the django-oscar reports pattern): what a page shows and what is printed
never drift apart."""
from django.db.models import Count, F, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.charts import bar_chart
from core.contributions import Dataset, SitePath
from planning.models import Need, PlannedAction
from planning.selectors import plan_actions, plan_document_actions, published_studies_ranked, ranked_needs


# The headings Kyrgyz practice prints in both state and official languages on these documents.
HEADINGS = {
    "study": gettext_lazy("Joint study of community needs"),
    "plan": gettext_lazy("Joint action plan"),
    "report": gettext_lazy("Report on the joint action plan"),
}


def bilingual(message):
    """[Kyrgyz, Russian] of a catalogue entry, upper case, for a document's heading:
    «БИРГЕЛЕШКЕН АРАКЕТТЕР ПЛАНЫ / ПЛАН СОВМЕСТНЫХ ДЕЙСТВИЙ»."""
    from django.utils import translation

    lines = []
    for language in ("ky", "ru"):
        with translation.override(language):
            lines.append(str(message).upper())
    return lines


def headings():
    return {key: bilingual(message) for key, message in HEADINGS.items()}


def priority_chart(needs, limit=10):
    """Bars of the first `limit` priorities by score (share of the groups' votes, in %)."""
    items = [(need.title, round(need.score * 100)) for need in needs[:limit]]
    return bar_chart(_("Priority of the problems: average share of each group's votes, %"), items,
                     display=lambda value: f"{value} %", column_label=_("Priority problem"), value_label=_("Share of votes"))


def progress_chart(progress):
    Status = PlannedAction.Status
    items = [(Status(status).label, progress[status]) for status in
             (Status.DONE, Status.UNDER_WAY, Status.PLANNED, Status.POSTPONED, Status.DROPPED)]
    items.append((_("Overdue"), progress["overdue"]))
    return bar_chart(_("Actions of the plan by status"), items, display=str, column_label=_("Status"),
                     value_label=_("Actions"))


def study_context(study, user):
    groups, needs = ranked_needs(study, user)
    return {"study": study, "groups": groups, "needs": needs, "villages": list(study.villages.all()),
            "chart": priority_chart(needs), "headings": headings()}


def plan_context(plan, user, today=None):
    """What a plan's page shows: the plan, its actions (each `late` or not), progress and money
    by source, and the study's needs without an action. Six queries."""
    today = today or timezone.localdate()
    actions = plan_actions(plan)
    return _with_actions(plan, user, actions, today)


def plan_document_context(plan, user, today=None):
    """What the plan's PDFs and the council pack print: the page's context with each action's
    resources and projects, what is late or postponed, the date and the bilingual headings."""
    today = today or timezone.localdate()
    context = _with_actions(plan, user, plan_document_actions(plan, user), today)
    actions = context["actions"]
    return {
        **context,
        "late": [action for action in actions if action.late],
        "postponed": [action for action in actions if action.status in PlannedAction.NEEDS_REASON],
        "today": today, "headings": headings(),
    }


def _with_actions(plan, user, actions, today):
    for action in actions:
        action.late = action.is_overdue(today)
    progress = plan.progress(today)
    return {
        "plan": plan, "actions": actions, "progress": progress, "money": plan.money(user),
        "without_action": list(plan.priority_needs_without_action().only("study", "title")),
        "chart": progress_chart(progress),
    }


def action_context(action, user):
    """The trail need -> action -> project -> result, with each project's own figures and the
    budget lines that pay for the action (of published budget years only: a draft budget never
    reaches a citizen, and staff see here what a citizen sees). A fixed number of queries."""
    from hearings.models import Proposal
    from projects.models import Project

    action.late = action.is_overdue()
    projects = list(Project.objects.visible_to(user).filter(planned_actions=action).with_totals()
                    .prefetch_related("villages"))
    return {
        "projects": projects,
        "results": [text for text in [action.result] + [project.result for project in projects] if text],
        "proposals": list(Proposal.objects.visible_to(user).filter(planned_actions=action).select_related("hearing")),
        "resources": list(action.resources.all()),
        "budget_lines": list(public_budget_lines(action.budget_lines.all())),
        "trail": list(action.status_changes.all()),
    }


def public_budget_lines(lines):
    """`lines` of published budget years, the latest year first, by code, each with its year and
    classification (no query a line)."""
    return lines.published().select_related("budget_year", "classification").order_by(
        "-budget_year__year", "classification__code", "pk")


def budget_line_label(line):
    """"2024 · 7091 Бала бакчаны кармоо": a budget line as open data and lists name it."""
    return f"{line.budget_year.year} · {line}"


def _date(value):
    return value.isoformat() if value else ""


NEED_COLUMNS = [
    ("study_id", gettext_lazy("Number of the joint study of needs on this portal.")),
    ("study", gettext_lazy("Title of the study.")),
    ("need_id", gettext_lazy("Number of the problem on this portal.")),
    ("village", gettext_lazy("Village of the problem; empty for the whole aimak.")),
    ("topic", gettext_lazy("Topic (code), shared with proposals and budget categories.")),
    ("topic_label", gettext_lazy("Topic in words.")),
    ("problem", gettext_lazy("The problem in words.")),
    ("description", gettext_lazy("Description of the problem.")),
    ("households_affected", gettext_lazy("Households the problem touches; empty when not counted.")),
    ("rank", gettext_lazy("Rank computed from the votes: 1 is the first priority; equal scores share a rank.")),
    ("score_percent", gettext_lazy("Average share of each group's votes, per cent.")),
    ("votes_by_group", gettext_lazy("Votes each group gave: “group: votes; …”.")),
    ("url", gettext_lazy("Address of the study's page.")),
]

ACTION_COLUMNS = [
    ("plan_id", gettext_lazy("Number of the joint action plan on this portal.")),
    ("plan", gettext_lazy("Title of the plan.")),
    ("action_id", gettext_lazy("Number of the action on this portal.")),
    ("need_id", gettext_lazy("Number of the problem it answers (needs.csv).")),
    ("need", gettext_lazy("The problem it answers.")),
    ("what", gettext_lazy("What will be done.")),
    ("village", gettext_lazy("Village of the action; empty for the whole aimak.")),
    ("responsible", gettext_lazy("Who is responsible (code): ao, group, council, school, partner, other.")),
    ("responsible_name", gettext_lazy("Who is responsible, by name (an organisation or a group).")),
    ("deadline", gettext_lazy("Deadline, YYYY-MM-DD.")),
    ("status", gettext_lazy("planned, under_way, done, postponed or dropped.")),
    ("status_changed_on", gettext_lazy("Date of the last change of status, YYYY-MM-DD.")),
    ("done_on", gettext_lazy("Date it was done, YYYY-MM-DD.")),
    ("reason", gettext_lazy("Why it was postponed or dropped.")),
    ("result", gettext_lazy("The result in words.")),
    ("planned_som", gettext_lazy("Money planned by source: “source: som; …”.")),
    ("budget_lines", gettext_lazy("Lines of the published local budgets that pay for it: “year · code name; …”.")),
    ("projects", gettext_lazy("Published projects that carry it out, by title: “title; …”.")),
    ("url", gettext_lazy("Address of the action's page.")),
]


def needs_dataset():
    """needs.csv: every problem of published studies, with each group's votes and the rank:
    four queries whatever the number of studies."""
    def rows():
        for study, _groups, needs in published_studies_ranked():
            for need in needs:
                votes = "; ".join(f"{group.name}: {count}" for group, count, _rank in need.group_cells
                                  if count is not None)
                yield [study.pk, study.title, need.pk, need.village.name if need.village else "", need.topic,
                       need.get_topic_display(), need.title, need.description,
                       "" if need.households_affected is None else need.households_affected,
                       need.rank, round(need.score * 100, 1), votes, SitePath(need.get_absolute_url())]

    return Dataset(
        key="needs", title=gettext_lazy("Needs found by the joint studies"),
        description=gettext_lazy("The problems each published joint study of needs found, how each group "
                                 "voted and the computed rank."),
        columns=NEED_COLUMNS, rows=rows, url_name="planning:needs_csv", filename="needs.csv")


def actions_dataset():
    """actions.csv: every action of published plans with its status and dates, the budget lines
    of published years that pay for it and its published projects: four queries."""
    from budget.models import BudgetLine
    from projects.models import Project

    def rows():
        actions = (PlannedAction.objects.public().select_related("plan", "need", "village")
                   .prefetch_related("resources",
                                     Prefetch("budget_lines", queryset=public_budget_lines(BudgetLine.objects),
                                              to_attr="public_lines"),
                                     Prefetch("projects", queryset=Project.objects.published().order_by("title", "pk"),
                                              to_attr="public_projects"))
                   .order_by("plan__starts_on", "plan_id", "deadline", "pk"))
        for action in actions:
            planned = "; ".join(f"{resource.source}: {resource.amount}"
                                for resource in action.resources.all() if resource.amount is not None)
            yield [action.plan_id, action.plan.title, action.pk, action.need_id, action.need.title, action.what,
                   action.village.name if action.village else "", action.responsible_kind,
                   action.responsible_name, _date(action.deadline), action.status,
                   _date(action.status_changed_on), _date(action.done_on), action.reason, action.result, planned,
                   "; ".join(budget_line_label(line) for line in action.public_lines),
                   "; ".join(project.title for project in action.public_projects),
                   SitePath(action.get_absolute_url())]

    return Dataset(
        key="actions", title=gettext_lazy("Actions of the joint action plans"),
        description=gettext_lazy("Every action of the published joint action plans: the need it answers, "
                                 "who is responsible, the deadline, its status, the money planned by source and "
                                 "the budget lines and projects that carry it out."),
        columns=ACTION_COLUMNS, rows=rows, url_name="planning:actions_csv", filename="actions.csv")


def home_figures():
    """(solved, total, under_way): problems of published studies; solved when every live action
    of a published plan answering it is done; under way when one of them is. One query."""
    figures = Need.objects.public().with_action_counts().aggregate(
        total=Count("pk"),
        solved=Count("pk", filter=Q(actions_live__gt=0, actions_done=F("actions_live"))),
        under_way=Count("pk", filter=Q(actions_under_way__gt=0)),
    )
    return figures["solved"], figures["total"], figures["under_way"]
