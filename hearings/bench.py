"""The hearings' share of the benchmark data (core.bench): hearings with their proposals and
trails, marked with core.bench.PREFIX. Proposals pick bench groups, budget lines and projects,
so this share comes after theirs (HearingsContributions.bench_order)."""
import datetime
from decimal import Decimal

from budget.models import BudgetLine
from core.bench import BUDGET_MARK, PREFIX, bulk, raw_delete
from groups.models import InitiativeGroup
from projects.models import Project

from .models import Hearing, Proposal, ProposalStatusChange

PROPOSALS_PER_HEARING = 30


def seed(bench):
    # The other apps' bench rows, in the order they were made (the seed's draws depend on it).
    groups = list(InitiativeGroup.objects.filter(name__startswith=PREFIX).order_by("pk"))
    lines = list(BudgetLine.objects.filter(budget_year__notes__startswith=BUDGET_MARK, kind="expenditure")
                 .order_by("pk"))
    projects = list(Project.objects.filter(title__startswith=PREFIX).order_by("pk"))
    kinds = [value for value, _label in Hearing.Kind.choices]
    hearings = []
    now = datetime.datetime(2026, 6, 1, tzinfo=datetime.timezone.utc)
    for number in range(1, bench.counts["hearings"] + 1):
        upcoming = bench.rng.random() < 0.03
        starts_at = (now + datetime.timedelta(days=bench.rng.randint(400, 700)) if upcoming
               else now - datetime.timedelta(days=bench.rng.randint(30, 3650), hours=bench.rng.randint(0, 8)))
        status, published_at = bench.published((starts_at - datetime.timedelta(days=14)).date())
        hearing = Hearing(
            kind=bench.rng.choice(kinds), topic=f"{PREFIX}Коомдук угуу №{number}: {bench.text(4)}",
            starts_at=starts_at, village=bench.village(),
            place=bench.text(3), announced_on=(starts_at - datetime.timedelta(days=14)).date(),
            agenda="\n".join(bench.text(6) for _ in range(3)),
            state="announced" if upcoming else "held", status=status, published_at=published_at)
        if not upcoming:
            women = bench.rng.randint(10, 80)
            men = bench.rng.randint(10, 80)
            hearing.participants_total, hearing.participants_women, hearing.participants_men = (
                women + men, women, men)
            hearing.participants_from_groups = bench.rng.randint(0, women + men)
            hearing.participants_youth = bench.rng.randint(0, women + men)
            hearing.minutes = "\n\n".join(bench.text(40) for _ in range(4)) if bench.rng.random() < 0.9 else ""
            hearing.chair, hearing.secretary = f"{PREFIX}Төрага", f"{PREFIX}Катчы"
        hearings.append(hearing)
    hearings = bulk(Hearing, hearings)
    statuses = [value for value, _label in Proposal.Status.choices]
    sources = [value for value, _label in Proposal.Source.choices]
    topics = [value for value, _label in Proposal.Topic.choices]
    decided = set(Proposal.DECIDED)
    proposals = []
    for hearing in hearings:
        # Written proposals come in before a hearing too: an announced one has them, undecided.
        for _index in range(PROPOSALS_PER_HEARING):
            source = bench.rng.choice(sources)
            status = bench.rng.choice(statuses) if hearing.state == "held" else "received"
            proposal = Proposal(
                hearing=hearing, text=bench.text(25), is_question=bench.rng.random() < 0.1,
                topic=bench.rng.choice(topics), village=bench.village(), source=source,
                group=bench.rng.choice(groups) if source == "group" else None,
                author_name=f"{PREFIX}Автор", estimated_cost=Decimal(bench.rng.randint(0, 3_000_000)),
                status=status)
            if status in decided:
                proposal.response = bench.text(15)
                proposal.decided_on = hearing.starts_at.date() + datetime.timedelta(days=bench.rng.randint(5, 90))
                if status in Proposal.TAKEN_UP and bench.rng.random() < 0.3 and lines:
                    proposal.budget_line = bench.rng.choice(lines)
                if status in Proposal.TAKEN_UP and bench.rng.random() < 0.2:
                    proposal.project = bench.rng.choice(projects)
            proposals.append(proposal)
    proposals = bulk(Proposal, proposals)
    changes = [ProposalStatusChange(proposal=proposal, from_status="received", to_status=proposal.status,
                                    changed_on=proposal.decided_on, note=bench.text(5))
               for proposal in proposals if proposal.decided_on]
    bulk(ProposalStatusChange, changes)
    bench.pack["hearings"] = [hearing for hearing in hearings
                              if hearing.state == "held" and hearing.status == "published"][:10]
    bench.count("hearings", hearings)
    bench.count("proposals", proposals)
    bench.count("status changes", changes)


def exists():
    return Hearing.objects.filter(topic__startswith=PREFIX).exists()


def delete():
    hearings = Hearing.objects.filter(topic__startswith=PREFIX)
    raw_delete(ProposalStatusChange.objects.filter(proposal__hearing__in=hearings),
               Proposal.objects.filter(hearing__in=hearings), hearings)
