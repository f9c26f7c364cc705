"""Planning's share of the benchmark data (core.bench): at scale 1, 10 studies of 30 needs ranked
by 3 groups and 10 plans of 50 actions with 2 planned resources each, a third of the actions
linked to a bench project and a third to a bench proposal; scale N multiplies the studies and
plans (children per parent stay the same). Every row is marked with core.bench.PREFIX."""
import datetime
from decimal import Decimal

from core.bench import BASE, PREFIX, bulk, raw_delete
from hearings.models import Proposal
from projects.models import FundingContribution, Project

from .models import (ActionPlan, ActionStatusChange, Need, NeedRanking, NeedsStudy, PlannedAction, PlannedResource,
                     StudyGroup)

STUDIES, NEEDS_PER_STUDY = 10, 30
PLANS, ACTIONS_PER_PLAN = 10, 50
GROUPS = (("Аялдар", "Женщины", 60), ("Эркектер", "Мужчины", 60), ("Жаштар", "Молодёжь", 40))


def seed(bench):
    scale = bench.counts["hearings"] / BASE["hearings"]
    rng = bench.rng
    studies = []
    for index in range(max(1, round(STUDIES * scale))):
        finished = datetime.date(2016 + index % 10, 3, 1)
        status, published_at = bench.published(finished)
        studies.append(NeedsStudy(
            title_ky=f"{PREFIX}изилдөө {index}", title_ru=f"{PREFIX}изучение {index}",
            started_on=finished - datetime.timedelta(days=60), finished_on=finished, participants_total=160,
            participants_women=80, participants_men=80, participants_youth=40, status=status,
            published_at=published_at))
    studies = bulk(NeedsStudy, studies)
    groups = bulk(StudyGroup, [StudyGroup(study=study, name_ky=name_ky, name_ru=name_ru, participants=size, order=order)
                               for study in studies for order, (name_ky, name_ru, size) in enumerate(GROUPS)])
    groups_of = {}
    for group in groups:
        groups_of.setdefault(group.study_id, []).append(group)
    topics = [value for value, _label in Need._meta.get_field("topic").choices]
    needs = bulk(Need, [Need(study=study, village=bench.village(), topic=rng.choice(topics),
                             title_ky=f"{PREFIX}көйгөй {index}: {bench.text(4)}", title_ru=f"{PREFIX}проблема {index}",
                             households_affected=rng.randint(5, 300))
                        for study in studies for index in range(NEEDS_PER_STUDY)])
    bulk(NeedRanking, [NeedRanking(need=need, group=group, votes=rng.randint(0, group.participants))
                       for need in needs for group in groups_of[need.study_id]])
    needs_of = {}
    for need in needs:
        needs_of.setdefault(need.study_id, []).append(need)
    plans = []
    for index in range(max(1, round(PLANS * scale))):
        starts = datetime.date(2017 + index % 8, 1, 1)
        status, published_at = bench.published(starts)
        plans.append(ActionPlan(title_ky=f"{PREFIX}план {index}", title_ru=f"{PREFIX}план {index}",
                                study=studies[index % len(studies)], starts_on=starts,
                                ends_on=starts.replace(year=starts.year + 4, month=12, day=31), status=status,
                                published_at=published_at))
    plans = bulk(ActionPlan, plans)
    statuses = [value for value, _label in PlannedAction.Status.choices]
    actions = []
    for plan in plans:
        for index in range(ACTIONS_PER_PLAN):
            status = rng.choice(statuses)
            deadline = bench.date_between(plan.starts_on, plan.ends_on)
            actions.append(PlannedAction(
                plan=plan, need=rng.choice(needs_of[plan.study_id]), what_ky=f"{PREFIX}иш {index}: {bench.text(6)}",
                what_ru=f"{PREFIX}действие {index}", village=bench.village(), deadline=deadline, status=status,
                done_on=deadline if status == "done" else None,
                reason_ky=bench.text(5) if status in PlannedAction.NEEDS_REASON else ""))
    actions = bulk(PlannedAction, actions)
    # Actions carried out as projects, answering proposals, as the demo's are (what the action,
    # plan and report pages and the chooser of the action form show).
    project_ids = list(Project.objects.filter(title__startswith=PREFIX).order_by("pk").values_list("pk", flat=True))
    proposal_ids = list(Proposal.objects.filter(hearing__topic__startswith=PREFIX).order_by("pk")
                        .values_list("pk", flat=True))
    if project_ids:
        bulk(PlannedAction.projects.through, [
            PlannedAction.projects.through(plannedaction_id=action.pk, project_id=rng.choice(project_ids))
            for action in actions[::3]])
    if proposal_ids:
        bulk(PlannedAction.proposals.through, [
            PlannedAction.proposals.through(plannedaction_id=action.pk, proposal_id=rng.choice(proposal_ids))
            for action in actions[1::3]])
    sources = [value for value, _label in FundingContribution.Source.choices]
    bulk(PlannedResource, [PlannedResource(action=action, source=source, amount=Decimal(rng.randint(1, 500) * 1000))
                           for action in actions for source in rng.sample(sources, 2)])
    bench.pack["action_plans"] = [plan for plan in plans if plan.status == "published"][:2]
    bench.count("needs studies", studies)
    bench.count("needs", needs)
    bench.count("action plans", plans)
    bench.count("planned actions", actions)


def exists():
    return NeedsStudy.objects.filter(title_ky__startswith=PREFIX).exists()


def delete():
    """Plain SQL deletes, children first."""
    studies = NeedsStudy.objects.filter(title_ky__startswith=PREFIX)
    plans = ActionPlan.objects.filter(title_ky__startswith=PREFIX)
    actions = PlannedAction.objects.filter(plan__in=plans)
    raw_delete(PlannedResource.objects.filter(action__in=actions),
               ActionStatusChange.objects.filter(action__in=actions),
               PlannedAction.projects.through.objects.filter(plannedaction__in=actions),
               PlannedAction.proposals.through.objects.filter(plannedaction__in=actions),
               PlannedAction.budget_lines.through.objects.filter(plannedaction__in=actions),
               actions, plans, NeedRanking.objects.filter(need__study__in=studies),
               Need.objects.filter(study__in=studies), StudyGroup.objects.filter(study__in=studies),
               NeedsStudy.villages.through.objects.filter(needsstudy__in=studies), studies)
