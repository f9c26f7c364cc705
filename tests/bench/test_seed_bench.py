"""The benchmark's data and page discovery: `seed_bench` makes the promised amounts, the same data
every time, refuses to double them, and the crawl finds each page pattern once."""
import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from bench.discover import crawl, pages_to_measure
from bench.report import Report
from portal.management.commands.seed_bench import BIG_BUDGET_YEAR, PREFIX

SMALL = ["--scale", "0.1", "--big-budget-lines", "60"]


def seed(*args):
    out = io.StringIO()
    call_command("seed_bench", *args, stdout=out)
    return out.getvalue()


def model(label):
    return apps.get_model(label)


def fingerprint():
    """The bench data without database ids or timestamps: what two runs must share."""
    Hearing, Proposal = model("hearings.Hearing"), model("hearings.Proposal")
    lines = model("budget.BudgetLine").objects.filter(budget_year__notes__startswith="BENCH")
    return {
        "groups": list(model("groups.InitiativeGroup").objects.filter(name__startswith=PREFIX)
                       .order_by("name").values_list("name", "focus", "founded_on", "dissolved_on", "status")),
        "people": list(model("groups.Person").objects.filter(full_name__startswith=PREFIX)
                       .order_by("full_name").values_list("full_name", "gender", "birth_year", "phone",
                                                          "consents_to_publish_name")),
        "memberships": list(model("groups.Membership").objects.filter(group__name__startswith=PREFIX)
                            .order_by("person__full_name").values_list("person__full_name", "group__name",
                                                                       "role", "joined_on", "left_on")),
        "hearings": list(Hearing.objects.filter(topic__startswith=PREFIX).order_by("topic")
                         .values_list("topic", "kind", "starts_at", "state", "status", "participants_total")),
        "proposals": list(Proposal.objects.filter(hearing__topic__startswith=PREFIX)
                          .order_by("hearing__topic", "text", "estimated_cost")
                          .values_list("hearing__topic", "text", "status", "source", "group__name",
                                       "estimated_cost", "budget_line__name", "project__title")),
        "lines": list(lines.order_by("budget_year__year", "position")
                      .values_list("budget_year__year", "kind", "classification__code", "name", "planned",
                                   "amended", "executed")),
        "projects": list(model("projects.Project").objects.filter(title__startswith=PREFIX).order_by("title")
                         .values_list("title", "state", "started_on", "status", "households")),
        "contributions": list(model("projects.FundingContribution").objects.filter(project__title__startswith=PREFIX)
                              .order_by("project__title", "source", "funder")
                              .values_list("project__title", "source", "funder", "amount")),
    }


@pytest.fixture
def bench_data(demo_data):
    seed(*SMALL)


@pytest.mark.django_db
def test_seed_bench_needs_the_demo_first():
    with pytest.raises(CommandError, match="load_demo"):
        seed(*SMALL)


@pytest.mark.django_db
def test_seed_bench_makes_the_promised_amounts(bench_data):
    assert model("groups.InitiativeGroup").objects.filter(name__startswith=PREFIX).count() == 3
    assert model("groups.Person").objects.filter(full_name__startswith=PREFIX).count() == 3 * 40
    assert model("groups.Membership").objects.filter(group__name__startswith=PREFIX).count() == 3 * 40
    hearings = model("hearings.Hearing").objects.filter(topic__startswith=PREFIX)
    assert hearings.count() == 10
    assert model("hearings.Proposal").objects.filter(hearing__in=hearings).count() == 10 * 30
    years = model("budget.BudgetYear").objects.filter(notes__startswith="BENCH")
    assert sorted(years.values_list("year", flat=True)) == [1999, BIG_BUDGET_YEAR]
    assert model("budget.BudgetLine").objects.filter(budget_year__year=1999).count() == 400
    assert model("budget.BudgetLine").objects.filter(budget_year__year=BIG_BUDGET_YEAR).count() == 60
    assert model("groups.GroupActivity").objects.filter(group__name__startswith=PREFIX).count() == 3 * 5
    projects = model("projects.Project").objects.filter(title__startswith=PREFIX)
    assert projects.count() == 20
    started = projects.exclude(state="planned").count()
    assert started and model("projects.ProgressUpdate").objects.filter(project__in=projects).count() == started * 3
    assert model("projects.FundingContribution").objects.filter(project__in=projects).count() == 20 * 5
    # The planning cycle grows with N too: studies of needs ranked by groups, plans of actions.
    studies = model("planning.NeedsStudy").objects.filter(title_ky__startswith=PREFIX)
    assert studies.count() == 1
    assert model("planning.Need").objects.filter(study__in=studies).count() == 30
    assert model("planning.NeedRanking").objects.filter(need__study__in=studies).count() == 30 * 3
    plans = model("planning.ActionPlan").objects.filter(title_ky__startswith=PREFIX)
    assert plans.count() == 1
    actions = model("planning.PlannedAction").objects.filter(plan__in=plans)
    assert actions.count() == 50
    assert actions.filter(projects__title__startswith=PREFIX).count() == 17
    assert actions.filter(proposals__hearing__topic__startswith=PREFIX).count() == 17
    # Mostly published, some drafts; the demo's own years are untouched.
    assert hearings.published().count() > hearings.drafts().count()
    assert model("budget.BudgetYear").objects.filter(year__in=[2022, 2023], notes__startswith="BENCH").count() == 0


@pytest.mark.django_db
def test_seed_bench_makes_the_same_data_every_time(bench_data):
    first = fingerprint()
    assert len(first["proposals"]) == 300
    seed("--reset", *SMALL)
    assert fingerprint() == first


@pytest.mark.django_db
def test_a_second_seed_is_refused_and_reset_replaces_the_data(bench_data):
    with pytest.raises(CommandError, match="--reset"):
        seed(*SMALL)
    seed("--reset", "--scale", "0.2", "--big-budget-lines", "0")
    assert model("hearings.Hearing").objects.filter(topic__startswith=PREFIX).count() == 20
    assert not model("budget.BudgetYear").objects.filter(year=BIG_BUDGET_YEAR).exists()
    # The demo is still there.
    assert model("hearings.Hearing").objects.exclude(topic__startswith=PREFIX).exists()


@pytest.mark.django_db
def test_bench_budget_years_stay_clear_of_the_demo_and_the_big_year_at_twice_the_bench_scale(demo_data):
    # bench/run also measures at N=20: 200 bench years (1900 + index reached the demo's 2022).
    from budget.bench import years_to_make
    from budget.models import BudgetYear

    demo = set(BudgetYear.objects.values_list("year", flat=True))
    years = years_to_make(200)
    assert len(set(years)) == 200 and max(years) == 1999
    assert not set(years) & (demo | {BIG_BUDGET_YEAR})


def test_the_crawl_finds_each_page_pattern_once(bench_data, role_clients):
    anonymous = crawl(role_clients["anonymous"], "/ky/", per_route=1)
    assert "ky/" in anonymous
    assert "ky/hearings/<int:pk>/" in anonymous, "a hearing's page is reached from the home page"
    assert "ky/report/<int:year>/" in anonymous, "a page reached through a redirect (the report's index) is a page"
    assert "ky/planning/plans/<int:pk>/" in anonymous
    assert all(len(entry.visits) <= 1 for entry in anonymous.values())
    documents = [entry for entry in anonymous.values() if entry.is_document]
    assert documents and all(not entry.visits and entry.urls for entry in documents), \
        "documents are noted, not opened, by the crawl"
    public = {route for route, entry in anonymous.items() if any(visit.status == 200 for visit in entry.visits)}
    staff = crawl(role_clients["staff"], "/ky/", extra_starts=("/ky/staff/",), per_route=1, known=public)
    chosen = pages_to_measure(anonymous, staff)
    routes = [entry.route for _role, entry in chosen]
    assert len(routes) == len(set(routes)), "each pattern is measured once"
    staff_routes = [entry.route for role, entry in chosen if role == "staff"]
    assert any("/staff/" in route for route in staff_routes), "staff pages are found by crawling as staff"
    assert "ky/planning/staff/studies/<int:pk>/needs/" in staff_routes
    assert not any("/staff/" in entry.route for role, entry in chosen if role == "anonymous" and not entry.is_document)
    # The page measured for a pattern is a real object that answers.
    hearing = next(entry for role, entry in chosen if entry.route == "ky/hearings/<int:pk>/")
    assert role_clients["anonymous"].get(hearing.best()).status_code == 200


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="bench.urls")
def test_the_baseline_page_renders_the_layout_without_queries(municipality, client, django_assert_num_queries):
    client.get("/ky/bench-baseline/")  # the municipality is cached after the first page
    with django_assert_num_queries(0):
        response = client.get("/ky/bench-baseline/")
    assert response.status_code == 200
    assert municipality.name_ky in response.content.decode()


def machine(load=0.5):
    return {"date": "today", "cpu": "x", "cores": 2, "ram": "1 GiB", "os": "linux", "python": "3",
            "database": "pg", "django": "5", "weasyprint": "70", "load_average": [load, 0, 0],
            "load_average_end": [load, 0, 0]}


def staff_page(route, html_kb, median_ms, cpu_ms=10.0):
    return {"route": route, "view_name": "x", "role": "staff", "url": "/" + route, "status": 200, "queries": 5,
            "cold_queries": 7, "repeated": [], "median_ms": median_ms, "median_cpu_ms": cpu_ms,
            "bytes": int(html_kb * 1024), "gzip_bytes": 900}


def public_page(route, afresh_ms, cold_ms):
    return {"route": route, "view_name": "y", "role": "anonymous", "url": "/" + route, "status": 200, "queries": 1,
            "cold_queries": 4, "repeated": [], "median_ms": 1.0, "median_cpu_ms": 1.0, "uncached_ms": afresh_ms,
            "cold_ms": cold_ms, "bytes": 5000, "gzip_bytes": 900}


def report_of(pages, small_pages=None, load=0.5, routes=None, large_pages=None):
    baseline = {"median_ms": 1.0, "uncached_ms": 2.0, "cold_ms": 10.0, "status": 200, "queries": 0,
                "cold_queries": 0, "bytes": 3000, "gzip_bytes": 800}
    measure = {"scale": "10", "reps": 5, "data": {}, "documents": [], "pages": pages, "baseline": baseline,
               "machine": machine(load), "routes": routes or {}}
    small = {"scale": "1", "pages": small_pages} if small_pages is not None else None
    large = {"scale": "20", "pages": large_pages} if large_pages is not None else None
    text, errors = Report(measure, small, None, "full", large=large).render()
    assert not errors
    return text


def target_row(text, start):
    return next(line for line in text.splitlines() if line.startswith("| " + start))


def test_the_report_judges_staff_pages_on_time_html_and_growth_with_n():
    pages = [staff_page("ky/a/staff/", 20, 50), staff_page("ky/b/staff/", 120, 80),
             staff_page("ky/c/staff/", 30, 400, cpu_ms=90), staff_page("ky/d/staff/", 11, 40)]
    small = [staff_page("ky/a/staff/", 19, 50), staff_page("ky/b/staff/", 60, 80),
             staff_page("ky/c/staff/", 30, 400), staff_page("ky/d/staff/", 10, 40)]
    text = report_of(pages, small)
    row = target_row(text, "Every staff page under 300 ms")
    assert "**not met**" in row and "`ky/b/staff/` 120.0 KB HTML" in row and "`ky/c/staff/` 400 median ms" in row
    assert "ky/a/staff/`" not in row
    row = target_row(text, "No staff page's HTML grows with N")
    # 60 → 120 KB grows; 10 → 11 KB is within the slack (+2 KB).
    assert "1 of 4 staff pages grow" in row and "`ky/b/staff/` 60.0 KB → 120.0 KB" in row and "ky/d/" not in row
    # The staff table shows the HTML at both scales.
    assert "| [`ky/b/staff/`](/ky/b/staff/) | staff | 200 | 5/7 | 5/7 | 60.0 | 120.0 ⚠ ↑ | 0.9 | 80.0 | 10.0 |" in text


def test_with_a_third_scale_a_page_that_only_filled_its_first_page_is_told_from_one_that_grows():
    # b is a list paged at 50: 20 KB with 13 rows at N=1, a full page from N=10 on. c has a select of
    # everything: it grows at every scale. d grows by one more query at N=20.
    pages = [staff_page("ky/b/staff/", 54, 80), staff_page("ky/c/staff/", 60, 80), staff_page("ky/d/staff/", 11, 40)]
    small = [staff_page("ky/b/staff/", 20, 80), staff_page("ky/c/staff/", 30, 80), staff_page("ky/d/staff/", 10, 40)]
    large = [staff_page("ky/b/staff/", 54.5, 80), staff_page("ky/c/staff/", 120, 80),
             {**staff_page("ky/d/staff/", 11, 40), "cold_queries": 8}]
    text = report_of(pages, small, large_pages=large)
    row = target_row(text, "No staff page's HTML grows with N")
    assert "**not met**" in row and "1 of 3 staff pages grow; 1 fill their first page between N=1 and N=10" in row
    assert "`ky/c/staff/` 60.0 KB → 120.0 KB (N=10 → N=20)" in row
    assert "`ky/b/staff/` 20.0 KB → 54.0 KB → 54.5 KB" in row
    assert "| [`ky/b/staff/`](/ky/b/staff/) | staff | 200 | 5/7 | 5/7 | 20.0 | 54.0 ↗ | 54.5 | 0.9 |" in text
    assert "| [`ky/c/staff/`](/ky/c/staff/) | staff | 200 | 5/7 | 5/7 | 30.0 | 60.0 | 120.0 ↑ | 0.9 |" in text
    row = target_row(text, "No page's query count grows with N")
    assert "N=1 vs N=10 vs N=20" in row and "1 of 3 pages grow" in row and "`ky/d/staff/` 5/7 → 5/7 → 5/8" in row
    # Without c, what is left only filled its page: met.
    text = report_of(pages[:1], small[:1], large_pages=large[:1])
    assert "**met**" in target_row(text, "No staff page's HTML grows with N")


def test_on_a_busy_machine_staff_pages_are_judged_on_cpu_time():
    text = report_of([staff_page("ky/c/staff/", 30, 400, cpu_ms=90)], load=5.0)
    row = target_row(text, "Every staff page under 300 ms")
    assert "**met**" in row and "judged on CPU ms" in row
    assert "the machine was busy" in text
    text = report_of([staff_page("ky/c/staff/", 30, 400, cpu_ms=320)], load=5.0)
    assert "`ky/c/staff/` 320 CPU ms" in target_row(text, "Every staff page under 300 ms")


def test_the_report_judges_public_pages_afresh_and_cold_within_20_times():
    text = report_of([public_page("ky/x/", afresh_ms=30, cold_ms=150), public_page("ky/y/", afresh_ms=50,
                                                                                    cold_ms=300)])
    afresh = target_row(text, "Each public page rendered afresh")
    assert "**not met**" in afresh and "`ky/y/` 50 ms = 25.0×" in afresh and "ky/x/" not in afresh.split("|")[4]
    cold = target_row(text, "Each public page rendered cold")
    assert "**not met**" in cold and "`ky/y/` 300 ms = 30.0×" in cold and "ky/x/" not in cold.split("|")[4]
    assert "| [`ky/x/`](/ky/x/) | 200 | 1/4 | 1.0 | 1.0 | 1.0 | 30.0 | 15.0 | 150.0 | 15.0 | 4.9 | 0.9 |" in text


def test_the_report_lists_the_url_patterns_never_measured():
    routes = {"ky/a/staff/": "a:index", "ky/a/staff/<int:pk>/secret/": "a:secret",
              "ky/admin/": "admin:index", "ky/bench-baseline/": "bench_baseline"}
    text = report_of([staff_page("ky/a/staff/", 20, 50)], routes=routes)
    section = text.split("## URL patterns never measured")[1].split("##")[0]
    assert "`ky/a/staff/<int:pk>/secret/` (a:secret) — **staff page**" in section
    assert "ky/a/staff/`" not in section and "bench-baseline" not in section and "ky/admin/" not in section
    assert "besides the 1 of Django's admin" in section


def test_the_report_says_which_targets_are_missed():
    page = {"route": "ky/x/", "view_name": "x", "role": "anonymous", "url": "/ky/x/", "status": 200,
            "queries": 16, "repeated": [{"count": 12, "sql": "SELECT ..."}], "median_ms": 60.0, "gzip_bytes": 900}
    measure = {"scale": "10", "reps": 5, "data": {}, "documents": [], "pages": [page],
               "baseline": {"median_ms": 10.0, "status": 200, "queries": 0, "gzip_bytes": 800},
               "machine": {"date": "today", "cpu": "x", "cores": 2, "ram": "1 GiB", "os": "linux",
                           "python": "3", "database": "pg", "django": "5", "weasyprint": "70"}}
    text, errors = Report(measure, None, None, "quick").render()
    assert ("| No page over 15 queries (N=10, afresh: as after an unrelated change, and cold: every cache emptied) "
            "| max 16 (ky/x/) | **not met** |") in text
    assert "`ky/x/` 60 ms = 6.0×" in text
    assert not errors


@pytest.mark.django_db
def test_a_page_is_measured_afresh_and_cold(municipality, client):
    from bench.measure import measure_page

    row = measure_page(client, "/ky/", reps=1, uncached=True)
    assert row["status"] == 200 and row["bytes"] > 0
    # Cold (every cache emptied) is the whole rendering: at least the queries of one afresh.
    assert row["cold_queries"] >= row["queries"] >= 1
    assert row["uncached_ms"] > 0 and row["cold_ms"] > 0
    small = measure_page(client, "/ky/", reps=1, queries_only=True)
    assert small["bytes"] == row["bytes"] and "median_ms" not in small


@pytest.mark.django_db
def test_a_pdf_that_ran_out_of_time_is_not_rendered_a_second_time():
    from bench.measure import measure_documents
    from tests.factories import staff_user

    staff_user(username="staff")
    url, route = "/ky/staff/council/packs/1/pack.pdf", "ky/staff/council/packs/<int:pk>/pack.pdf"
    rows = measure_documents([{"route": route, "view_name": "x", "role": "staff", "url": url}], False,
                             pdfs=[{"name": "Council session pack", "url": url, "error": "timeout: over 90 s"}])
    assert rows[0]["status"] == 0 and rows[0]["error"] == "timeout: over 90 s"


def test_a_page_over_15_queries_only_when_rendered_cold_misses_the_query_target():
    text = report_of([{**public_page("ky/x/", afresh_ms=3, cold_ms=30), "queries": 1, "cold_queries": 17},
                      public_page("ky/y/", afresh_ms=3, cold_ms=30)])
    row = target_row(text, "No page over 15 queries")
    assert "**not met**" in row and "`ky/x/` 1/17 q" in row and "ky/y/`" not in row
    assert "**met**" in target_row(report_of([public_page("ky/y/", afresh_ms=3, cold_ms=30)]), "No page over 15 queries")
