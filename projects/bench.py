"""The projects' share of the benchmark data (core.bench): projects with their funding and, once
started, their progress updates, marked with core.bench.PREFIX; each is linked to bench groups."""
import datetime
from decimal import Decimal

from core.bench import PREFIX, bulk, raw_delete
from groups.models import InitiativeGroup

from .models import FundingContribution, ProgressUpdate, Project

CONTRIBUTIONS_PER_PROJECT = 5
UPDATES_PER_PROJECT = 3  # of a project under way or done


def seed(bench):
    groups = list(InitiativeGroup.objects.filter(name__startswith=PREFIX).order_by("pk"))
    sources = [value for value, _label in FundingContribution.Source.choices]
    in_kind = set(FundingContribution.IN_KIND)
    projects, links = [], []
    for number in range(1, bench.counts["projects"] + 1):
        started = bench.date_between(datetime.date(2015, 1, 1), datetime.date(2025, 12, 31))
        state = bench.rng.choice(["planned", "under_way", "done", "done"])
        status, published_at = bench.published(started)
        projects.append(Project(
            title=f"{PREFIX}Долбоор №{number}: {bench.text(4)}", summary=bench.text(10),
            description=bench.text(60), state=state, started_on=started,
            finished_on=started + datetime.timedelta(days=bench.rng.randint(30, 400)) if state == "done" else None,
            result=bench.text(20) if state == "done" else "",
            households=bench.rng.randint(10, 500), women=bench.rng.randint(10, 900),
            men=bench.rng.randint(10, 900), children=bench.rng.randint(0, 600) if bench.rng.random() < 0.5 else None,
            status=status, published_at=published_at))
        links.append((bench.some_villages(), bench.rng.sample(groups, min(2, len(groups)))))
    projects = bulk(Project, projects)
    bulk(Project.villages.through, [
        Project.villages.through(project_id=project.pk, village_id=village.pk)
        for project, (villages, _groups) in zip(projects, links) for village in villages])
    bulk(Project.groups.through, [
        Project.groups.through(project_id=project.pk, initiativegroup_id=group.pk)
        for project, (_villages, chosen) in zip(projects, links) for group in chosen])
    contributions = []
    for number, project in enumerate(projects):
        for index in range(CONTRIBUTIONS_PER_PROJECT):
            source = sources[(index + number) % len(sources)] if index else "local_budget"
            contribution = FundingContribution(project=project, source=source, funder=f"{PREFIX}{bench.text(3)}")
            if source in in_kind:
                contribution.in_kind_description = bench.text(5)
                contribution.amount = Decimal(bench.rng.randint(5_000, 80_000)) if bench.rng.random() < 0.5 else None
            else:
                contribution.amount = Decimal(bench.rng.randint(10_000, 2_000_000))
            if source == "contest_prize":
                contribution.contest_name = bench.text(4)
                contribution.contest_year = project.started_on.year
                contribution.contest_place = bench.rng.randint(1, 3)
            contributions.append(contribution)
    bulk(FundingContribution, contributions)
    updates = bulk(ProgressUpdate, [
        ProgressUpdate(project=project, date=bench.date_between(project.started_on, project.finished_on or bench.today),
                       text=f"{PREFIX}{bench.text(25)}")
        for project in projects if project.state != "planned" for _index in range(UPDATES_PER_PROJECT)])
    bench.count("progress updates", updates)
    bench.pack["projects"] = [project for project in projects if project.status == "published"][:20]
    bench.count("projects", projects)
    bench.count("contributions", contributions)


def exists():
    return Project.objects.filter(title__startswith=PREFIX).exists()


def delete():
    """Proposals (of the demo too) that became a bench project let go of it first."""
    from hearings.models import Proposal

    projects = Project.objects.filter(title__startswith=PREFIX)
    Proposal.objects.filter(project__in=projects).update(project=None)
    raw_delete(Project.groups.through.objects.filter(project__in=projects),
               Project.villages.through.objects.filter(project__in=projects),
               FundingContribution.objects.filter(project__in=projects),
               ProgressUpdate.objects.filter(project__in=projects), projects)
