"""What every app's share of the benchmark data (`manage.py seed_bench`, the apps'
`Contributions.seed_bench`) stands on: the marks that find bench rows again, the amounts at
scale 1, and one seeded random source shared by all apps in turn, so that the same seed makes
the same data.

Scale 1 is a big aiyl aimak after ten years: 30 initiative groups of 40 members, 100 hearings of
30 proposals, 10 budget years of 400 lines, 200 projects of 5 contributions, plus one budget year
of 2 000 lines for the PDF benchmark. Scale N multiplies the number of groups, hearings, budget
years and projects by N (children per parent stay the same); fractions (0.1) make a small set for
tests. Every bench row is marked: names, topics and titles start with "BENCH ", budget years
carry "BENCH" in their notes and lie before 2000, counting down from 1999 (1900–1999 at N=10,
1800–1999 at N=20), and 2000 for the big year. Rows are written
with bulk_create, which bypasses django-simple-history: bench data have no history.
"""
import datetime

PREFIX = "BENCH "
BUDGET_MARK = "BENCH"
LAST_BENCH_YEAR = 1999  # bench years count down from here: clear of the demo's years at any scale
BIG_BUDGET_YEAR = 2000
BATCH = 2000
# At scale 1 (children per parent are fixed).
BASE = {"groups": 30, "hearings": 100, "budget_years": 10, "projects": 200}
DRAFT_SHARE = 0.1

WORDS = (
    "суу түтүк мектеп бала бакча жол көпүрө жарык китепкана спорт аянт жайыт мал сел дамба "
    "бюджет долбоор айыл тургундар жаштар аялдар оңдоо куруу сатып алуу жабдуу калкты "
    "водопровод школа детский сад дорога мост освещение библиотека площадка пастбище ремонт"
).split()


def counts_for(scale):
    return {key: max(1, round(value * scale)) for key, value in BASE.items()}


def bulk(model_class, objects):
    return model_class.objects.bulk_create(objects, batch_size=BATCH)


def raw_delete(*querysets):
    """Plain SQL deletes, in the order given (children first): Model.delete() would load every
    row and write a history record for it."""
    for queryset in querysets:
        queryset._raw_delete(queryset.db)


class Bench:
    """The shared state of one seeding run: the random source, the amounts, the villages, a
    fixed "today", and what each app made (for the command's summary)."""

    def __init__(self, rng, scale, big_budget_lines, villages):
        self.rng = rng
        self.counts = counts_for(scale)
        self.big_budget_lines = big_budget_lines
        self.villages = list(villages)
        self.today = datetime.date(2026, 6, 1)  # fixed: the same data whatever day the bench runs
        self.created = {}
        # What each app puts into the benchmark's council pack of 100+ pages: {pack choice key: [objects]}.
        self.pack = {}

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

    def village(self):
        return self.rng.choice(self.villages) if self.villages else None

    def date_between(self, first, last):
        return first + datetime.timedelta(days=self.rng.randint(0, max(0, (last - first).days)))

    def count(self, name, objects):
        self.created[name] = self.created.get(name, 0) + len(objects)
