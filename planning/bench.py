"""Planning's share of the benchmark data: at scale 1, 10 studies of 30 needs ranked by 3
groups and 10 plans of 50 actions with 2 resources each; scale N multiplies the studies and
plans (children per parent stay the same). Deterministic; every row is marked "BENCH " so that
`delete()` finds it again. Written with bulk_create: no history, as for the other apps' bench rows."""
import datetime
import random
from decimal import Decimal

from django.db import transaction

PREFIX = "BENCH "
STUDIES, NEEDS_PER_STUDY = 10, 30
PLANS, ACTIONS_PER_PLAN = 10, 50
GROUPS = (("Аялдар", "Женщины", 60), ("Эркектер", "Мужчины", 60), ("Жаштар", "Молодёжь", 40))
DRAFT_SHARE = 0.1


@transaction.atomic
def seed(scale, command=None, seed=2026):
    """Create the bench rows at `scale`; returns {kind: count}."""
    from planning.models import (ActionPlan, Need, NeedRanking, NeedsStudy, PlannedAction, PlannedResource,
                                 StudyGroup)
    from core.models import Village
    from projects.models import FundingContribution

    rng = random.Random(seed)
    villages = list(Village.objects.order_by("name")) or [None]
    studies_count = max(1, round(STUDIES * scale))
    plans_count = max(1, round(PLANS * scale))
    first = datetime.date(2016, 1, 1)
    studies = NeedsStudy.objects.bulk_create([
        NeedsStudy(title_ky=f"{PREFIX}изилдөө {index}", title_ru=f"{PREFIX}изучение {index}",
                   started_on=first.replace(year=2016 + index % 10), finished_on=first.replace(year=2016 + index % 10,
                                                                                           month=3),
                   participants_total=160, participants_women=80, participants_men=80, participants_youth=40,
                   status="draft" if rng.random() < DRAFT_SHARE else "published")
        for index in range(studies_count)])
    groups = StudyGroup.objects.bulk_create([
        StudyGroup(study=study, name_ky=name_ky, name_ru=name_ru, participants=size, order=order)
        for study in studies for order, (name_ky, name_ru, size) in enumerate(GROUPS)])
    groups_of = {}
    for group in groups:
        groups_of.setdefault(group.study_id, []).append(group)
    topics = [choice for choice, _label in Need._meta.get_field("topic").choices]
    needs = Need.objects.bulk_create([
        Need(study=study, village=rng.choice(villages), topic=rng.choice(topics),
             title_ky=f"{PREFIX}көйгөй {index}", title_ru=f"{PREFIX}проблема {index}",
             households_affected=rng.randint(5, 300))
        for study in studies for index in range(NEEDS_PER_STUDY)])
    NeedRanking.objects.bulk_create([
        NeedRanking(need=need, group=group, votes=rng.randint(0, group.participants))
        for need in needs for group in groups_of[need.study_id]], batch_size=2000)
    needs_of = {}
    for need in needs:
        needs_of.setdefault(need.study_id, []).append(need)
    plans = ActionPlan.objects.bulk_create([
        ActionPlan(title_ky=f"{PREFIX}план {index}", title_ru=f"{PREFIX}план {index}", study=studies[index % len(studies)],
                   starts_on=datetime.date(2017 + index % 8, 1, 1), ends_on=datetime.date(2021 + index % 8, 12, 31),
                   status="draft" if rng.random() < DRAFT_SHARE else "published")
        for index in range(plans_count)])
    statuses = [value for value, _label in PlannedAction.Status.choices]
    actions = []
    for plan in plans:
        span = (plan.ends_on - plan.starts_on).days
        for index in range(ACTIONS_PER_PLAN):
            status = rng.choice(statuses)
            deadline = plan.starts_on + datetime.timedelta(days=rng.randint(0, span))
            actions.append(PlannedAction(
                plan=plan, need=rng.choice(needs_of[plan.study_id]), what_ky=f"{PREFIX}иш {index}",
                what_ru=f"{PREFIX}действие {index}", village=rng.choice(villages), deadline=deadline, status=status,
                done_on=deadline if status == "done" else None,
                reason_ky="себеби" if status in ("postponed", "dropped") else ""))
    actions = PlannedAction.objects.bulk_create(actions, batch_size=2000)
    sources = [value for value, _label in FundingContribution.Source.choices]
    resources = []
    for action in actions:
        for source in rng.sample(sources, 2):
            resources.append(PlannedResource(action=action, source=source,
                                             amount=Decimal(rng.randint(1, 500) * 1000)))
    PlannedResource.objects.bulk_create(resources, batch_size=2000)
    created = {"needs studies": len(studies), "needs": len(needs), "action plans": len(plans),
               "planned actions": len(actions)}
    if command is not None:
        command.stdout.write("  planning: " + ", ".join(f"{count} {name}" for name, count in created.items()))
    return created


@transaction.atomic
def delete():
    """Remove the bench rows (plain SQL deletes, children first)."""
    from planning.models import (ActionPlan, ActionStatusChange, Need, NeedRanking, NeedsStudy, PlannedAction,
                                 PlannedResource, StudyGroup)

    studies = NeedsStudy.objects.filter(title_ky__startswith=PREFIX)
    plans = ActionPlan.objects.filter(title_ky__startswith=PREFIX)
    actions = PlannedAction.objects.filter(plan__in=plans)
    for queryset in (PlannedResource.objects.filter(action__in=actions),
                     ActionStatusChange.objects.filter(action__in=actions),
                     PlannedAction.projects.through.objects.filter(plannedaction__in=actions),
                     PlannedAction.proposals.through.objects.filter(plannedaction__in=actions),
                     PlannedAction.budget_lines.through.objects.filter(plannedaction__in=actions),
                     actions, plans, NeedRanking.objects.filter(need__study__in=studies),
                     Need.objects.filter(study__in=studies), StudyGroup.objects.filter(study__in=studies), studies):
        queryset._raw_delete(queryset.db)
