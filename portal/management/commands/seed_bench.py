"""Generate a big, deterministic aiyl aimak on top of the demo, for the benchmark (bench/run).

Each app adds its share through its contributions' `seed_bench` (core.contributions), in their
bench order, drawing from one shared random source (core.bench.Bench: the amounts at scale N,
the marks on every row); the portal adds a council pack of 100+ pages. `--reset` has each app
delete its bench rows, in the reverse order.
"""
import datetime
import random

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from core.bench import BIG_BUDGET_YEAR, PREFIX, Bench  # noqa: F401 (bench/ and tests import them here)
from core.contributions import all_contributions, bench_ordered
from core.models import Municipality, Village
from portal.models import CouncilPack, CouncilSession


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
        self.bench = Bench(random.Random(seed), scale, big_budget_lines, Village.objects.order_by("name"))
        with transaction.atomic():
            for contributions in bench_ordered(all_contributions()):
                contributions.seed_bench(scale, self)
            seed_pack(self.bench)
        # bulk_create sends no signals: drop whatever the pages cached about the old data.
        from django.core.cache import cache

        cache.clear()
        # Fresh planner statistics, as a database that grew over ten years has (autovacuum would
        # take a while): without them PostgreSQL plans for empty tables and pages look slow. And
        # its visibility map (VACUUM), which autovacuum keeps in such a database: without it no
        # index-only scan (the proposals' counts read their narrow index, not 21 MB of rows).
        # VACUUM cannot run inside a transaction (a test's).
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql" and not connection.in_atomic_block:
                cursor.execute("VACUUM ANALYZE")
            else:
                cursor.execute("ANALYZE")
        seconds = (timezone.now() - started).total_seconds()
        summary = ", ".join(f"{count} {name}" for name, count in self.bench.created.items())
        self.stdout.write(self.style.SUCCESS(f"Bench data at scale {scale:g} in {seconds:.1f} s: {summary}."))


def bench_data_exists():
    return any(contributions.has_bench() for contributions in all_contributions())


@transaction.atomic
def delete_bench_data():
    """The bench packs, then each app's bench rows, in the reverse of the order they were made."""
    CouncilPack.objects.filter(title__startswith=PREFIX).delete()
    for contributions in reversed(bench_ordered(all_contributions())):
        contributions.delete_bench()


def seed_pack(bench):
    """A council pack of 100+ pages, of what each app put into `bench.pack` (held hearings,
    projects, the big budget year)."""
    session, _created = CouncilSession.objects.get_or_create(
        convocation=99, number=99, defaults={"date": datetime.date(2026, 5, 1), "agenda": f"{PREFIX}пакет"})
    pack = CouncilPack.objects.create(session=session, title=f"{PREFIX}пакет: 100+ бет")
    pack.put({key: objects for key, objects in bench.pack.items() if objects})
    bench.created["council packs"] = 1
