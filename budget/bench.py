"""The budget's share of the benchmark data (core.bench): budget years of many lines, marked
with core.bench.BUDGET_MARK in their notes and lying before 2000 (counting down from 1999) and in 2000 (the big year)."""
import datetime
from decimal import Decimal

from core.bench import BIG_BUDGET_YEAR, BUDGET_MARK, LAST_BENCH_YEAR, PREFIX, bulk, raw_delete

from .models import BudgetClassification, BudgetLine, BudgetYear

LINES_PER_YEAR = 400


def classifications():
    codes = {"revenue": [], "expenditure": []}
    for item in BudgetClassification.objects.order_by("code"):
        codes.setdefault(item.kind, []).append(item)
    for kind, category in (("revenue", "own_revenue"), ("expenditure", "other_expenditure")):
        if not codes[kind]:  # no reference list loaded: a few codes of our own
            codes[kind] = [BudgetClassification.objects.create(
                code=f"9{'1' if kind == 'revenue' else '7'}{number:02d}", kind=kind,
                name_ky=f"{PREFIX}{number}", name_ru=f"{PREFIX}{number}", name_en=f"{PREFIX}{number}",
                citizen_category=category) for number in range(1, 6)]
    return codes


def years_to_make(count):
    """The `count` bench budget years, newest first: 1999, 1998, ... (never a demo year nor the big
    year 2000, whatever the scale: at N=20 there are 200)."""
    return [LAST_BENCH_YEAR - index for index in range(count)]


def seed(bench):
    codes = classifications()
    stages = ["approved", "amended", "executed", "executed", "executed"]
    plans = [(year, LINES_PER_YEAR) for year in years_to_make(bench.counts["budget_years"])]
    if bench.big_budget_lines:
        plans.append((BIG_BUDGET_YEAR, bench.big_budget_lines))
    years = []
    for year, _lines in plans:
        status, published_at = bench.published(datetime.date(min(year, 2025), 2, 1))
        if year == BIG_BUDGET_YEAR:
            status, published_at = "published", datetime.datetime(2000, 2, 1, tzinfo=datetime.timezone.utc)
        years.append(BudgetYear(year=year, stage=bench.rng.choice(stages), status=status,
                                published_at=published_at, notes=f"{BUDGET_MARK} {bench.text(8)}"))
    years = bulk(BudgetYear, years)
    lines = []
    for budget_year, (_year, line_count) in zip(years, plans):
        executed = budget_year.stage == "executed"
        for position in range(line_count):
            kind = "revenue" if position % 3 == 0 else "expenditure"
            classification = bench.rng.choice(codes[kind])
            planned = Decimal(bench.rng.randint(1_000, 5_000_000))
            amended = planned + Decimal(bench.rng.randint(-500, 2_000)) if bench.rng.random() < 0.2 else None
            lines.append(BudgetLine(
                budget_year=budget_year, kind=kind, classification=classification,
                name=f"{PREFIX}{position + 1:05d} {bench.text(4)}",
                category=classification.citizen_category, planned=planned, amended=amended,
                executed=(planned * Decimal(bench.rng.randint(70, 105)) / 100).quantize(Decimal("0.01"))
                if executed else None,
                position=position))
    lines = bulk(BudgetLine, lines)
    bench.pack["budget_year"] = [year for year in years if year.year == BIG_BUDGET_YEAR]
    bench.count("budget years", years)
    bench.count("budget lines", lines)


def bench_years():
    return BudgetYear.objects.filter(notes__startswith=BUDGET_MARK, year__lte=BIG_BUDGET_YEAR)


def exists():
    return BudgetYear.objects.filter(notes__startswith=BUDGET_MARK).exists()


def delete():
    """Proposals (of the demo too) taken into bench lines let go of them first."""
    from hearings.models import Proposal

    lines = BudgetLine.objects.filter(budget_year__notes__startswith=BUDGET_MARK)
    Proposal.objects.filter(budget_line__in=lines).update(budget_line=None)
    raw_delete(BudgetLine.objects.filter(budget_year__in=bench_years()), bench_years())
