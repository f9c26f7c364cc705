"""Generate a big, deterministic aiyl aimak on top of the demo, for the benchmark (bench/run).

Scale 1 is a big aiyl aimak after ten years: 30 initiative groups of 40 members, 100 hearings of
30 proposals, 10 budget years of 400 lines, 200 projects of 5 contributions, plus one budget year
of 2 000 lines for the PDF benchmark. Scale N multiplies the number of groups, hearings, budget
years and projects by N (children per parent stay the same); fractions (0.1) make a small set for
tests.

Every bench row is marked so that `--reset` can find it again: names, topics and titles start with
"BENCH ", budget years carry "BENCH" in their notes and lie in 1900–1999 (and 2000 for the big
year), away from the demo's 2022/2023. Rows are written with bulk_create, which bypasses
django-simple-history: bench data have no history, which is fine for a benchmark.
"""
import datetime
import random
from decimal import Decimal

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

PREFIX = "BENCH "
BUDGET_MARK = "BENCH"
FIRST_BUDGET_YEAR = 1900
BIG_BUDGET_YEAR = 2000
BATCH = 2000
# At scale 1 (children per parent are fixed).
BASE = {"groups": 30, "hearings": 100, "budget_years": 10, "projects": 200}
MEMBERS_PER_GROUP = 40
PROPOSALS_PER_HEARING = 30
LINES_PER_YEAR = 400
CONTRIBUTIONS_PER_PROJECT = 5
DRAFT_SHARE = 0.1

WORDS = (
    "суу түтүк мектеп бала бакча жол көпүрө жарык китепкана спорт аянт жайыт мал сел дамба "
    "бюджет долбоор айыл тургундар жаштар аялдар оңдоо куруу сатып алуу жабдуу калкты "
    "водопровод школа детский сад дорога мост освещение библиотека площадка пастбище ремонт"
).split()


def model(label):
    return apps.get_model(label)


def counts_for(scale):
    return {key: max(1, round(value * scale)) for key, value in BASE.items()}


class Command(BaseCommand):
    help = "Generate deterministic benchmark data (marked 'BENCH ') on top of the demo data."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0,
                            help="1 = a big aiyl aimak after ten years; 10 = ten times that; 0.1 for tests.")
        parser.add_argument("--seed", type=int, default=2026, help="Random seed (same seed, same data).")
        parser.add_argument("--reset", action="store_true",
                            help="Delete earlier bench data first (otherwise a second run is refused).")
        parser.add_argument("--big-budget-lines", type=int, default=2000,
                            help="Lines of the one big budget year (for the PDF benchmark); 0 for none.")

    def handle(self, *args, scale, seed, reset, big_budget_lines, **options):
        Municipality = model("core.Municipality")
        if not Municipality.objects.exists():
            raise CommandError("No municipality yet: run `python manage.py load_demo --force` first.")
        if bench_data_exists():
            if not reset:
                raise CommandError("Bench data are already there; run with --reset to replace them.")
            delete_bench_data()
            self.stdout.write("Deleted the earlier bench data.")
        if scale <= 0:
            return
        started = timezone.now()
        with transaction.atomic():
            created = Seeder(random.Random(seed), scale, big_budget_lines).run()
        # bulk_create sends no signals: drop whatever the pages cached about the old data.
        from django.core.cache import cache

        cache.clear()
        # Fresh planner statistics, as a database that grew over ten years has (autovacuum would
        # take a while): without them PostgreSQL plans for empty tables and pages look slow.
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        seconds = (timezone.now() - started).total_seconds()
        summary = ", ".join(f"{count} {name}" for name, count in created.items())
        self.stdout.write(self.style.SUCCESS(f"Bench data at scale {scale:g} in {seconds:.1f} s: {summary}."))


def bench_querysets():
    """Querysets of every bench row, children before parents (the order to delete in)."""
    Group = model("groups.InitiativeGroup")
    Person = model("groups.Person")
    Hearing = model("hearings.Hearing")
    BudgetYear = model("budget.BudgetYear")
    Project = model("projects.Project")
    Proposal = model("hearings.Proposal")
    hearings = Hearing.objects.filter(topic__startswith=PREFIX)
    groups = Group.objects.filter(name__startswith=PREFIX)
    years = BudgetYear.objects.filter(notes__startswith=BUDGET_MARK, year__lte=BIG_BUDGET_YEAR)
    projects = Project.objects.filter(title__startswith=PREFIX)
    people = Person.objects.filter(full_name__startswith=PREFIX)
    sets = [
        model("hearings.ProposalStatusChange").objects.filter(proposal__hearing__in=hearings),
        Proposal.objects.filter(hearing__in=hearings),
        hearings,
        model("groups.Membership").objects.filter(group__in=groups),
        model("groups.GroupActivity").objects.filter(group__in=groups),
        Group.villages.through.objects.filter(initiativegroup__in=groups),
        Project.groups.through.objects.filter(initiativegroup__in=groups),
        Project.groups.through.objects.filter(project__in=projects),
        Project.villages.through.objects.filter(project__in=projects),
        model("projects.FundingContribution").objects.filter(project__in=projects),
        model("projects.ProgressUpdate").objects.filter(project__in=projects),
        projects,
        groups,
        people,
        model("budget.BudgetLine").objects.filter(budget_year__in=years),
        years,
    ]
    return sets


def bench_data_exists():
    Hearing = model("hearings.Hearing")
    Group = model("groups.InitiativeGroup")
    Project = model("projects.Project")
    return (Hearing.objects.filter(topic__startswith=PREFIX).exists()
            or Group.objects.filter(name__startswith=PREFIX).exists()
            or Project.objects.filter(title__startswith=PREFIX).exists()
            or model("budget.BudgetYear").objects.filter(notes__startswith=BUDGET_MARK).exists())


@transaction.atomic
def delete_bench_data():
    """Plain SQL deletes: Model.delete() would load every row and write a history record for it.
    Anything outside the bench that points at bench rows (a pack, a demo proposal linked by hand)
    is unlinked first."""
    Proposal = model("hearings.Proposal")
    lines = model("budget.BudgetLine").objects.filter(budget_year__notes__startswith=BUDGET_MARK)
    Proposal.objects.filter(budget_line__in=lines).update(budget_line=None)
    Proposal.objects.filter(project__title__startswith=PREFIX).update(project=None)
    Pack = optional_model("portal.CouncilPack")
    if Pack is not None:
        Pack.objects.filter(title__startswith=PREFIX).delete()
    for queryset in bench_querysets():
        queryset._raw_delete(queryset.db)


def optional_model(label):
    """A model that another helper may still be adding: None until it exists and is migrated."""
    from django.db import connection

    try:
        found = model(label)
    except LookupError:
        return None
    return found if found._meta.db_table in connection.introspection.table_names() else None


def bulk(model_class, objects):
    return model_class.objects.bulk_create(objects, batch_size=BATCH)


class Seeder:
    def __init__(self, rng, scale, big_budget_lines):
        self.rng = rng
        self.counts = counts_for(scale)
        self.big_budget_lines = big_budget_lines
        self.villages = list(model("core.Village").objects.order_by("name"))
        self.today = datetime.date(2026, 6, 1)  # fixed: the same data whatever day the bench runs
        self.created = {}

    def run(self):
        self.groups = self.seed_groups()
        self.lines = self.seed_budget()
        self.projects = self.seed_projects()
        self.seed_hearings()
        self.seed_pack()
        return self.created

    # --- helpers
    def text(self, words):
        return " ".join(self.rng.choice(WORDS) for _ in range(words)).capitalize() + "."

    def published(self, when):
        """(status, published_at): mostly published, some drafts."""
        if self.rng.random() < DRAFT_SHARE:
            return "draft", None
        moment = datetime.datetime.combine(when, datetime.time(10, 0), tzinfo=datetime.timezone.utc)
        return "published", moment

    def some_villages(self):
        if not self.villages:
            return []
        return self.rng.sample(self.villages, self.rng.randint(1, len(self.villages)))

    def date_between(self, first, last):
        return first + datetime.timedelta(days=self.rng.randint(0, max(0, (last - first).days)))

    def count(self, name, objects):
        self.created[name] = self.created.get(name, 0) + len(objects)

    # --- groups and people
    def seed_groups(self):
        from groups.models import name_key

        Group = model("groups.InitiativeGroup")
        Person = model("groups.Person")
        Membership = model("groups.Membership")
        focuses = [value for value, _label in Group.Focus.choices]
        groups, villages = [], []
        for number in range(1, self.counts["groups"] + 1):
            founded = self.date_between(datetime.date(2014, 1, 1), datetime.date(2024, 12, 31))
            status, published_at = self.published(founded)
            name = f"{PREFIX}Демилгелүү топ №{number}"
            groups.append(Group(
                name=name, name_key=name_key(name), focus=self.rng.choice(focuses),
                purpose=self.text(12), description=self.text(30), founded_on=founded,
                dissolved_on=founded + datetime.timedelta(days=900) if self.rng.random() < 0.1 else None,
                status=status, published_at=published_at))
            villages.append(self.some_villages())
        groups = bulk(Group, groups)
        bulk(Group.villages.through, [
            Group.villages.through(initiativegroup_id=group.pk, village_id=village.pk)
            for group, chosen in zip(groups, villages) for village in chosen])
        people, memberships = [], []
        for group in groups:
            for index in range(MEMBERS_PER_GROUP):
                number = len(people) + 1
                name = f"{PREFIX}Адам {number:06d} уулу"
                people.append(Person(
                    full_name=name, name_key=name_key(name),
                    gender=self.rng.choice(["female", "male"]),
                    birth_year=self.rng.randint(1950, 2008) if self.rng.random() < 0.9 else None,
                    village=self.rng.choice(self.villages) if self.villages else None,
                    phone=f"0700 {number:06d}", is_deputy=self.rng.random() < 0.05,
                    is_cso_representative=self.rng.random() < 0.05,
                    is_community_leader=self.rng.random() < 0.1,
                    consents_to_publish_name=self.rng.random() < 0.6))
                joined = self.date_between(group.founded_on, self.today)
                memberships.append((group, index, joined,
                                    joined + datetime.timedelta(days=400) if self.rng.random() < 0.1 else None))
        people = bulk(Person, people)
        bulk(Membership, [
            Membership(person=person, group=group, role="leader" if index == 0 else "member",
                       joined_on=joined, left_on=left_on)
            for person, (group, index, joined, left_on) in zip(people, memberships)])
        self.count("groups", groups)
        self.count("people", people)
        self.count("memberships", memberships)
        return groups

    # --- budget
    def classifications(self):
        Classification = model("budget.BudgetClassification")
        codes = {"revenue": [], "expenditure": []}
        for item in Classification.objects.order_by("code"):
            codes.setdefault(item.kind, []).append(item)
        for kind, category in (("revenue", "own_revenue"), ("expenditure", "other_expenditure")):
            if not codes[kind]:  # no reference list loaded: a few codes of our own
                codes[kind] = [Classification.objects.create(
                    code=f"9{'1' if kind == 'revenue' else '7'}{number:02d}", kind=kind,
                    name_ky=f"{PREFIX}{number}", name_ru=f"{PREFIX}{number}", name_en=f"{PREFIX}{number}",
                    citizen_category=category) for number in range(1, 6)]
        return codes

    def seed_budget(self):
        BudgetYear = model("budget.BudgetYear")
        BudgetLine = model("budget.BudgetLine")
        codes = self.classifications()
        stages = ["approved", "amended", "executed", "executed", "executed"]
        plans = [(FIRST_BUDGET_YEAR + index, LINES_PER_YEAR) for index in range(self.counts["budget_years"])]
        if self.big_budget_lines:
            plans.append((BIG_BUDGET_YEAR, self.big_budget_lines))
        years = []
        for year, _lines in plans:
            status, published_at = self.published(datetime.date(min(year, 2025), 2, 1))
            if year == BIG_BUDGET_YEAR:
                status, published_at = "published", datetime.datetime(2000, 2, 1, tzinfo=datetime.timezone.utc)
            years.append(BudgetYear(year=year, stage=self.rng.choice(stages), status=status,
                                    published_at=published_at, notes=f"{BUDGET_MARK} {self.text(8)}"))
        years = bulk(BudgetYear, years)
        lines = []
        for budget_year, (_year, line_count) in zip(years, plans):
            executed = budget_year.stage == "executed"
            for position in range(line_count):
                kind = "revenue" if position % 3 == 0 else "expenditure"
                classification = self.rng.choice(codes[kind])
                planned = Decimal(self.rng.randint(1_000, 5_000_000))
                amended = planned + Decimal(self.rng.randint(-500, 2_000)) if self.rng.random() < 0.2 else None
                lines.append(BudgetLine(
                    budget_year=budget_year, kind=kind, classification=classification,
                    name=f"{PREFIX}{position + 1:05d} {self.text(4)}",
                    category=classification.citizen_category, planned=planned, amended=amended,
                    executed=(planned * Decimal(self.rng.randint(70, 105)) / 100).quantize(Decimal("0.01"))
                    if executed else None,
                    position=position))
        lines = bulk(BudgetLine, lines)
        self.count("budget years", years)
        self.count("budget lines", lines)
        return [line for line in lines if line.kind == "expenditure"]

    # --- projects
    def seed_projects(self):
        Project = model("projects.Project")
        Contribution = model("projects.FundingContribution")
        sources = [value for value, _label in Contribution.Source.choices]
        in_kind = set(Contribution.IN_KIND)
        projects, links = [], []
        for number in range(1, self.counts["projects"] + 1):
            started = self.date_between(datetime.date(2015, 1, 1), datetime.date(2025, 12, 31))
            state = self.rng.choice(["planned", "under_way", "done", "done"])
            status, published_at = self.published(started)
            projects.append(Project(
                title=f"{PREFIX}Долбоор №{number}: {self.text(4)}", summary=self.text(10),
                description=self.text(60), state=state, started_on=started,
                finished_on=started + datetime.timedelta(days=self.rng.randint(30, 400)) if state == "done" else None,
                result=self.text(20) if state == "done" else "",
                households=self.rng.randint(10, 500), women=self.rng.randint(10, 900),
                men=self.rng.randint(10, 900), children=self.rng.randint(0, 600) if self.rng.random() < 0.5 else None,
                status=status, published_at=published_at))
            links.append((self.some_villages(), self.rng.sample(self.groups, min(2, len(self.groups)))))
        projects = bulk(Project, projects)
        bulk(Project.villages.through, [
            Project.villages.through(project_id=project.pk, village_id=village.pk)
            for project, (villages, _groups) in zip(projects, links) for village in villages])
        bulk(Project.groups.through, [
            Project.groups.through(project_id=project.pk, initiativegroup_id=group.pk)
            for project, (_villages, groups) in zip(projects, links) for group in groups])
        contributions = []
        for number, project in enumerate(projects):
            for index in range(CONTRIBUTIONS_PER_PROJECT):
                source = sources[(index + number) % len(sources)] if index else "local_budget"
                contribution = Contribution(project=project, source=source, funder=f"{PREFIX}{self.text(3)}")
                if source in in_kind:
                    contribution.in_kind_description = self.text(5)
                    contribution.amount = Decimal(self.rng.randint(5_000, 80_000)) if self.rng.random() < 0.5 else None
                else:
                    contribution.amount = Decimal(self.rng.randint(10_000, 2_000_000))
                if source == "contest_prize":
                    contribution.contest_name = self.text(4)
                    contribution.contest_year = project.started_on.year
                    contribution.contest_place = self.rng.randint(1, 3)
                contributions.append(contribution)
        bulk(Contribution, contributions)
        self.count("projects", projects)
        self.count("contributions", contributions)
        return projects

    # --- hearings and proposals
    def seed_hearings(self):
        Hearing = model("hearings.Hearing")
        Proposal = model("hearings.Proposal")
        Change = model("hearings.ProposalStatusChange")
        kinds = [value for value, _label in Hearing.Kind.choices]
        hearings = []
        now = datetime.datetime(2026, 6, 1, tzinfo=datetime.timezone.utc)
        for number in range(1, self.counts["hearings"] + 1):
            upcoming = self.rng.random() < 0.03
            starts_at = (now + datetime.timedelta(days=self.rng.randint(400, 700)) if upcoming
                         else now - datetime.timedelta(days=self.rng.randint(30, 3650), hours=self.rng.randint(0, 8)))
            status, published_at = self.published((starts_at - datetime.timedelta(days=14)).date())
            hearing = Hearing(
                kind=self.rng.choice(kinds), topic=f"{PREFIX}Коомдук угуу №{number}: {self.text(4)}",
                starts_at=starts_at, village=self.rng.choice(self.villages) if self.villages else None,
                place=self.text(3), announced_on=(starts_at - datetime.timedelta(days=14)).date(),
                agenda="\n".join(self.text(6) for _ in range(3)),
                state="announced" if upcoming else "held", status=status, published_at=published_at)
            if not upcoming:
                women = self.rng.randint(10, 80)
                men = self.rng.randint(10, 80)
                hearing.participants_total, hearing.participants_women, hearing.participants_men = (
                    women + men, women, men)
                hearing.participants_from_groups = self.rng.randint(0, women + men)
                hearing.participants_youth = self.rng.randint(0, women + men)
                hearing.minutes = "\n\n".join(self.text(40) for _ in range(4)) if self.rng.random() < 0.9 else ""
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
                source = self.rng.choice(sources)
                status = self.rng.choice(statuses) if hearing.state == "held" else "received"
                proposal = Proposal(
                    hearing=hearing, text=self.text(25), is_question=self.rng.random() < 0.1,
                    topic=self.rng.choice(topics),
                    village=self.rng.choice(self.villages) if self.villages else None, source=source,
                    group=self.rng.choice(self.groups) if source == "group" else None,
                    author_name=f"{PREFIX}Автор", estimated_cost=Decimal(self.rng.randint(0, 3_000_000)),
                    status=status)
                if status in decided:
                    proposal.response = self.text(15)
                    proposal.decided_on = hearing.starts_at.date() + datetime.timedelta(days=self.rng.randint(5, 90))
                    if status in Proposal.TAKEN_UP and self.rng.random() < 0.3 and self.lines:
                        proposal.budget_line = self.rng.choice(self.lines)
                    if status in Proposal.TAKEN_UP and self.rng.random() < 0.2:
                        proposal.project = self.rng.choice(self.projects)
                proposals.append(proposal)
        proposals = bulk(Proposal, proposals)
        changes = [Change(proposal=proposal, from_status="received", to_status=proposal.status,
                          changed_on=proposal.decided_on, note=self.text(5))
                   for proposal in proposals if proposal.decided_on]
        bulk(Change, changes)
        self.count("hearings", hearings)
        self.count("proposals", proposals)
        self.count("status changes", changes)

    # --- a council pack of 100+ pages, when the portal has packs
    def seed_pack(self):
        Session, Pack = optional_model("portal.CouncilSession"), optional_model("portal.CouncilPack")
        if Session is None or Pack is None:
            return
        session, _created = Session.objects.get_or_create(
            convocation=99, number=99,
            defaults={"date": datetime.date(2026, 5, 1), "agenda": f"{PREFIX}пакет"})
        pack = Pack.objects.create(session=session, title=f"{PREFIX}пакет: 100+ бет")
        Hearing = model("hearings.Hearing")
        held = Hearing.objects.filter(topic__startswith=PREFIX, state="held", status="published").order_by("pk")
        pack.hearings.set(held[:10])
        pack.projects.set(model("projects.Project").objects.filter(
            title__startswith=PREFIX, status="published").order_by("pk")[:20])
        big = model("budget.BudgetYear").objects.filter(year=BIG_BUDGET_YEAR, notes__startswith=BUDGET_MARK).first()
        if big is not None and hasattr(pack, "budget_year"):
            pack.budget_year = big
            pack.save()
        self.created["council packs"] = 1
