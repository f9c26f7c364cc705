"""What planning gives the site (the contract in core/contributions.py): the home card, search,
open data, council-pack sections, overdue actions on the work list, the annual report's part,
the demo and the benchmark data."""
from functools import partial

from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core.contributions import (Contributions, Figure, HomeCard, PackChoice, PackSection, ReportPart, SearchKind,
                                WorkItem)
from core import bilingual, roles
from core.paths import path_maker
from planning import bench, demo


def home_sentence(solved, total, under_way):
    """"N of M priority problems solved, K under way" (ngettext on M)."""
    return ngettext("%(solved)s of %(total)s priority problem solved, %(under_way)s under way",
                    "%(solved)s of %(total)s priority problems solved, %(under_way)s under way",
                    total) % {"solved": solved, "total": total, "under_way": under_way}


def plan_sections(plans, viewer):
    """Two council-pack sections per picked plan: the plan and the report on it, as their PDFs
    print them for `viewer` (the deputy when the pack includes drafts, a citizen otherwise)."""
    from planning.models import ActionPlan, PlannedAction
    from planning.reports import plan_document_context

    sections = []
    for plan in ActionPlan.objects.visible_to(viewer).filter(pk__in=[plan.pk for plan in plans]).select_related(
            "study").order_by("starts_on", "pk"):
        sources = [(ActionPlan.history, {"id": plan.pk}), (PlannedAction.history, {"plan_id": plan.pk})]
        context = partial(plan_document_context, plan, viewer)
        is_draft = not plan.is_published
        sections.append(PackSection(kind="action_plan", title=_("Joint action plan: %(title)s") % {"title": plan.title},
                                    template="pdf/planning/_plan_body.html", context=context, is_draft=is_draft,
                                    sources=sources, anchor=f"plan-{plan.pk}"))
        sections.append(PackSection(kind="action_plan_report",
                                    title=_("Report on the joint action plan: %(title)s") % {"title": plan.title},
                                    template="pdf/planning/_report_body.html", context=context, is_draft=is_draft,
                                    sources=sources, anchor=f"plan-report-{plan.pk}"))
    return sections


class PlanningContributions(Contributions):
    order = 200  # after projects: actions point at projects, proposals and budget lines
    demo = demo
    bench = bench

    def home_cards(self, user):
        from planning.reports import home_figures

        solved, total, under_way = home_figures()
        if not total:
            return []
        url = reverse("planning:index")
        return [HomeCard(key="planning", title=_("What our villages need and what is being done"), url=url,
                         text=home_sentence(solved, total, under_way), order=50,
                         figures=[Figure(value=solved, label=ngettext("priority problem solved",
                                                                      "priority problems solved", solved), url=url),
                                  Figure(value=under_way, label=ngettext("problem being solved",
                                                                         "problems being solved", under_way),
                                         url=url)])]

    def search_kinds(self):
        from planning.models import ActionPlan, Need, NeedsStudy, PlannedAction

        return [
            SearchKind(key="needs", label=gettext_lazy("Problems the villages named"),
                       fields=("title_ky", "title_ru", "title_en", "description_ky", "description_ru"),
                       queryset=lambda: Need.objects.public().select_related("village"),
                       title=lambda need: bilingual.marked(need, "title"), text=lambda need: bilingual.marked(need, "description")),
            SearchKind(key="actions", label=gettext_lazy("Actions of the joint plans"),
                       fields=("what_ky", "what_ru", "what_en", "result_ky", "result_ru"),
                       queryset=lambda: PlannedAction.objects.public(), title=lambda action: bilingual.marked(action, "what"),
                       text=lambda action: bilingual.marked(action, "result")),
            SearchKind(key="needs_studies", label=gettext_lazy("Joint studies of needs"),
                       fields=("title_ky", "title_ru", "summary_ky", "summary_ru"),
                       queryset=lambda: NeedsStudy.objects.published(),
                       title=lambda study: bilingual.marked(study, "title"), text=lambda study: bilingual.marked(study, "summary")),
            SearchKind(key="action_plans", label=gettext_lazy("Joint action plans"),
                       fields=("title_ky", "title_ru", "summary_ky", "summary_ru"),
                       queryset=lambda: ActionPlan.objects.published(),
                       title=lambda plan: bilingual.marked(plan, "title"), text=lambda plan: bilingual.marked(plan, "summary")),
        ]

    def datasets(self):
        from planning.reports import actions_dataset, needs_dataset

        return [needs_dataset(), actions_dataset()]

    def pack_choices(self):
        from planning.models import ActionPlan

        return [PackChoice(key="action_plans", label=gettext_lazy("Joint action plans: the plan and its report"),
                           queryset=lambda user: ActionPlan.objects.visible_to(user).order_by("-starts_on", "pk"),
                           sections=plan_sections, order=60, item_label=lambda plan: bilingual.marked(plan, "title"),
                           search_fields=("title",))]

    def work_items(self, user):
        from planning.models import PlannedAction

        if not roles.can_edit(user):
            return []
        count = PlannedAction.objects.overdue().count()
        if not count:
            return []
        return [WorkItem(title=ngettext("%(count)s action of the joint plans is overdue",
                                        "%(count)s actions of the joint plans are overdue", count) % {"count": count},
                         url=reverse("planning:staff_index"), count=count, order=40)]

    def report_parts(self, year, shown=None):
        from planning.models import NeedsStudy, PlannedAction

        years = (year, year - 1)
        # Both years at once (the report compares them): one query for studies and needs, one
        # for the actions' counts, one for the actions done in `year`.
        studies = NeedsStudy.objects.published().filter(finished_on__year__gte=year - 1, finished_on__year__lte=year)
        found = studies.aggregate(**{key: value for each in years for key, value in (
            (f"studies_{each}", Count("pk", distinct=True, filter=Q(finished_on__year=each))),
            (f"needs_{each}", Count("needs", filter=Q(finished_on__year=each))))})
        actions = PlannedAction.objects.public()
        counts = actions.filter(Q(deadline__year__gte=year - 1, deadline__year__lte=year)
                                | Q(done_on__year__gte=year - 1, done_on__year__lte=year)).aggregate(
            **{key: value for each in years for key, value in (
                (f"due_{each}", Count("pk", filter=Q(deadline__year=each))),
                (f"done_{each}", Count("pk", filter=Q(done_on__year=each))),
                (f"overdue_{each}", Count("pk", filter=Q(deadline__year=each)
                                          & ~Q(status__in=PlannedAction.CLOSED))))})
        rows, before = ([
            (_("Joint studies of needs finished"), found[f"studies_{each}"], "num"),
            (_("Problems they named"), found[f"needs_{each}"], "num"),
            (_("Planned actions due this year"), counts[f"due_{each}"], "num"),
            (_("Actions done this year"), counts[f"done_{each}"], "num"),
            (_("Actions overdue at the end of the year"), counts[f"overdue_{each}"], "num"),
        ] for each in years)
        path = path_maker("planning:action")  # PlannedAction.get_absolute_url, reversed once
        done = [{"what": action.what, "url": path(action.pk), "done_on": action.done_on}
                for action in actions.filter(done_on__year=year).order_by("done_on", "pk")[:shown]]
        return [ReportPart(key="planning", title=_("Planning with the community"), rows=rows, order=60,
                           template="pdf/planning/_report_part.html",
                           context={"rows": rows, "done": done, "done_count": counts[f"done_{year}"]},
                           has_data=any(value for _label, value, _kind in rows),
                           before=[value for _label, value, _kind in before])]

    def report_years(self):
        from planning.models import NeedsStudy, PlannedAction

        # The years of finished studies and of the actions' deadlines (the portal unions them).
        studies = NeedsStudy.objects.published().filter(finished_on__isnull=False).annotate(
            year=ExtractYear("finished_on")).values_list("year", flat=True).order_by().distinct()
        deadlines = PlannedAction.objects.public().annotate(year=ExtractYear("deadline")).values_list(
            "year", flat=True).order_by().distinct()
        return studies.union(deadlines)

    def report_sources(self):
        from planning.models import ActionPlan, NeedsStudy, PlannedAction

        return [NeedsStudy.history, ActionPlan.history, PlannedAction.history]
