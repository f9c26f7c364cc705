"""Factories for planning's tests: a study with its groups and needs, a plan with its actions."""
import datetime

import factory
from django.utils import timezone

from planning.models import (ActionPlan, Need, NeedRanking, NeedsStudy, PlannedAction, PlannedResource,
                             StudyGroup)
from projects.models import FundingContribution


class StudyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NeedsStudy

    title_ky = factory.Sequence(lambda n: f"Муктаждыктарды изилдөө {n}")
    title_ru = factory.Sequence(lambda n: f"Изучение нужд {n}")
    started_on = datetime.date(2021, 9, 1)
    finished_on = datetime.date(2021, 10, 1)
    status = NeedsStudy.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StudyGroup

    study = factory.SubFactory(StudyFactory)
    name_ky = factory.Sequence(lambda n: f"Топ {n}")
    name_ru = factory.Sequence(lambda n: f"Группа {n}")
    participants = 50


class NeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Need

    study = factory.SubFactory(StudyFactory)
    title_ky = factory.Sequence(lambda n: f"Көйгөй {n}")
    title_ru = factory.Sequence(lambda n: f"Проблема {n}")
    topic = "water"


class RankingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NeedRanking

    need = factory.SubFactory(NeedFactory)
    group = factory.SubFactory(GroupFactory)
    votes = 10


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionPlan

    title_ky = factory.Sequence(lambda n: f"Биргелешкен аракеттер планы {n}")
    title_ru = factory.Sequence(lambda n: f"План совместных действий {n}")
    study = factory.SubFactory(StudyFactory)
    starts_on = datetime.date(2022, 1, 1)
    ends_on = datetime.date(2030, 12, 31)
    status = ActionPlan.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlannedAction

    plan = factory.SubFactory(PlanFactory)
    need = factory.LazyAttribute(lambda action: NeedFactory(study=action.plan.study))
    what_ky = factory.Sequence(lambda n: f"Иш-аракет {n}")
    what_ru = factory.Sequence(lambda n: f"Действие {n}")
    deadline = datetime.date(2025, 6, 30)


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlannedResource

    action = factory.SubFactory(ActionFactory)
    source = FundingContribution.Source.LOCAL_BUDGET
    amount = 1000


def ranked_study(votes, participants=None, **study_kwargs):
    """A study whose needs got `votes` {need name: [votes of group 0, group 1, …]}; returns
    (study, {name: need}, [groups])."""
    study = StudyFactory(**study_kwargs)
    size = len(next(iter(votes.values())))
    groups = [GroupFactory(study=study, name_ky=f"Топ {index}", participants=(participants or [100] * size)[index])
              for index in range(size)]
    needs = {}
    for name, counts in votes.items():
        need = NeedFactory(study=study, title_ky=name, title_ru=name)
        needs[name] = need
        for group, count in zip(groups, counts):
            if count is not None:
                RankingFactory(need=need, group=group, votes=count)
    return study, needs, groups
