"""In-process measurements: every page's queries and server time, documents, PDFs, page weight,
profiles. Run by bench/run (DJANGO_SETTINGS_MODULE=bench.settings_bench); writes one JSON file.

    python -m bench.measure --out bench/out/measure.json [--reps 11] [--queries-only] [--profile]

Server time is the Django test client's wall time for a GET in this process (URL resolution,
middleware, view, template, database round trips; no network, no gzip): the median of `reps`
requests after two warm-up requests. The number of queries is taken from separate requests under
CaptureQueriesContext (one with every cache emptied, one afresh), so that capturing does not slow
down the timed ones. Public pages are also timed afresh (content version bumped before each
request) and cold (every cache emptied before each request).
"""
import argparse
import gzip
import json
import os
import re
import statistics
import subprocess
import sys
import time
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
# Bounds that keep the bench short whatever the data (bench/run --quick lowers them):
SETTINGS = {
    "page_budget": 6.0,  # seconds of timed requests a page, at most (fewer runs for a slow page)
    "revalidate_limit": 60.0,  # skip the conditional GET of a document slower than this
    "request_limit": 120.0,  # give up on a page after this long (reported as a timeout)
    "document_limit": 300.0,  # the same for a PDF or an export
}


def setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings_bench")
    import django

    django.setup()


def log(message):
    print(message, file=sys.stderr, flush=True)


# --- clients -----------------------------------------------------------------------------------
def user_named(username, group=None):
    from django.contrib.auth.models import User

    user = User.objects.filter(username=username).first()
    if user is None and group:
        user = User.objects.filter(groups__name=group).order_by("pk").first()
    return user


def client_for(role):
    from django.test import Client

    from core import roles

    # A page that fails is recorded (status 500 and the exception), not allowed to stop the bench.
    client = Client(raise_request_exception=False)
    if role == "anonymous":
        return client
    user = {"staff": lambda: user_named("staff", roles.STAFF),
            "deputy": lambda: user_named("deputy", roles.DEPUTIES)}[role]()
    if user is None:
        raise SystemExit(f"No {role} user: run `manage.py load_demo --force` first.")
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def body_of(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


# --- a time limit on one request ---------------------------------------------------------------
class RequestTimeout(BaseException):
    """Raised by the alarm inside a request that takes too long: a BaseException, so that Django's
    handler does not turn it into a 500 page, and the bench goes on with the next page."""


class limited:
    """`with limited(seconds): client.get(...)`: stop waiting for a page after `seconds`."""

    def __init__(self, seconds):
        self.seconds = seconds

    def __enter__(self):
        import signal

        def alarm(_signum, _frame):
            raise RequestTimeout(f"over {self.seconds:.0f} s")

        self.previous = signal.signal(signal.SIGALRM, alarm)
        signal.setitimer(signal.ITIMER_REAL, self.seconds)

    def __exit__(self, *exc):
        import signal

        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, self.previous)
        return False


class TimedOut:
    """What a page that ran out of time is recorded as."""

    def __init__(self, error):
        self.status_code, self.exc_info, self.error = 0, None, f"timeout: {error}"

    def get(self, _name, default=""):
        return default


def get(client, url, limit=None, **headers):
    """client.get within the request time limit; a TimedOut for a page that ran out of it."""
    try:
        with limited(limit or SETTINGS["request_limit"]):
            response = client.get(url, **headers)
            body = body_of(response)
    except RequestTimeout as error:
        from django.db import connection

        connection.close()  # whatever it was running is abandoned
        return TimedOut(error), b""
    return response, body


# --- queries and time --------------------------------------------------------------------------
SQL_LITERALS = re.compile(r"'(?:[^']|'')*'|\b\d+(?:\.\d+)?\b")


def repeated_queries(sqls, top=3):
    """The query shapes run more than once on a page (the N+1 suspects), most frequent first."""
    shapes = Counter(SQL_LITERALS.sub("?", sql)[:160] for sql in sqls)
    return [{"count": count, "sql": shape} for shape, count in shapes.most_common(top) if count > 1]


def error_of(response):
    from bench.discover import error_of as describe

    return getattr(response, "error", "") or describe(response)


def count_queries(client, url, limit=None, **headers):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response, body = get(client, url, limit, **headers)
    sqls = [query["sql"] for query in captured.captured_queries]
    return response, body, sqls


def time_requests(client, url, reps, first_seconds, budget):
    """Up to `reps` timed GETs after a warm-up; a slow page gets fewer (the one that counted its
    queries was already a warm-up), so that the bench stays bounded whatever the data."""
    import gc

    warmup = 2 if first_seconds < 0.5 else 1 if first_seconds < 2 else 0
    for _ in range(warmup):
        body_of(client.get(url))
    times, cpu_times, started = [], [], time.perf_counter()
    for index in range(reps):
        gc.collect()  # as timeit does: no collector pause inside a timed request
        gc.disable()
        try:
            begin, cpu_begin = time.perf_counter(), time.process_time()
            body_of(client.get(url))
            times.append(time.perf_counter() - begin)
            cpu_times.append(time.process_time() - cpu_begin)
        finally:
            gc.enable()
        if time.perf_counter() - started > budget and (index >= 2 or times[-1] > budget / 3):
            break
    return times, cpu_times


def forget_rendered_pages():
    """As after a content change: the site's page caches no longer apply. The portal keys its
    caches by a content version (core.cache)."""
    from core.cache import bump_content_version

    bump_content_version()


def _timed_after(forget, client, url, reps, budget):
    """Median-ready times of `url`, with `forget()` run before each request."""
    times, started = [], time.perf_counter()
    for index in range(reps):
        forget()
        begin = time.perf_counter()
        body_of(client.get(url))
        times.append(time.perf_counter() - begin)
        if time.perf_counter() - started > budget and index >= 2:
            break
    return times


def time_uncached(client, url, reps, budget):
    """Times of the page rendered afresh each time (what the first visitor after a change
    waits), for pages the site may serve from a cache."""
    return _timed_after(forget_rendered_pages, client, url, reps, budget)


def forget_everything():
    """As on a cold start or after a change of what the page itself shows: every cache emptied
    (the content version, the pages, the fragments and whatever the site keeps)."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


def time_cold(client, url, reps, budget):
    """Times of the page with the whole cache cleared before each request."""
    return _timed_after(forget_everything, client, url, reps, budget)


def measure_page(client, url, reps, queries_only=False, uncached=False):
    # Queries of a whole rendering (every cache emptied: what a page costs when nothing helps),
    # then of one afresh (content version bumped, as after an unrelated change: a page kept until
    # what it shows changes (core.changes) is then a cache hit). In this order, so that neither
    # count depends on what was measured before.
    forget_everything()
    _response, _body, cold_sqls = count_queries(client, url)
    forget_rendered_pages()
    begin = time.perf_counter()
    response, body, sqls = count_queries(client, url)
    first_seconds = time.perf_counter() - begin
    result = {
        "url": url, "status": response.status_code, "content_type": response.get("Content-Type", ""),
        "bytes": len(body), "gzip_bytes": len(gzip.compress(body, 6)),
        "queries": len(sqls), "cold_queries": len(cold_sqls),
        "repeated": repeated_queries(cold_sqls), "error": error_of(response),
    }
    if not queries_only and 0 < response.status_code < 500:
        times, cpu_times = time_requests(client, url, reps, first_seconds, SETTINGS["page_budget"])
        result.update(median_ms=statistics.median(times) * 1000, min_ms=min(times) * 1000, runs=len(times),
                      median_cpu_ms=statistics.median(cpu_times) * 1000)
        if uncached:
            fresh = time_uncached(client, url, reps, SETTINGS["page_budget"])
            result["uncached_ms"] = statistics.median(fresh) * 1000
            cold = time_cold(client, url, reps, SETTINGS["page_budget"])
            result["cold_ms"] = statistics.median(cold) * 1000
    return result


# --- discovery -----------------------------------------------------------------------------------
def discover():
    from bench.discover import crawl, pages_to_measure

    started = time.perf_counter()
    fetch = lambda client, url: get(client, url)  # noqa: E731
    anonymous = crawl(client_for("anonymous"), "/ky/", fetch=fetch)
    public = {route for route, entry in anonymous.items() if any(visit.status == 200 for visit in entry.visits)}
    staff = crawl(client_for("staff"), "/ky/", extra_starts=("/ky/staff/",), known=public, fetch=fetch)
    chosen = pages_to_measure(anonymous, staff)
    log(f"discovered {len(chosen)} URL patterns in {time.perf_counter() - started:.1f} s")
    return chosen


def measure_pages(chosen, reps, queries_only):
    from bench.urls import BASELINE_PATH

    clients = {role: client_for(role) for role in ("anonymous", "staff")}
    baseline = measure_page(clients["anonymous"], BASELINE_PATH, max(reps * 2, 21), queries_only, uncached=True)
    baseline.update(route="baseline (base.html, no queries)", view_name="bench_baseline", role="anonymous",
                    url=BASELINE_PATH)
    pages, documents = [], []
    for role, entry in chosen:
        url = entry.best()
        if url is None:
            continue
        row = {"route": entry.route, "view_name": entry.view_name, "role": role, "url": url}
        if entry.is_document:
            documents.append(row)
            continue
        log(f"  page {role:9} {url}")
        if entry.timed_out and not any(visit.status for visit in entry.visits):
            visit = entry.visits[0]
            row.update(status=0, error=visit.error, queries=0, repeated=[], bytes=0, gzip_bytes=0,
                       content_type="")
        else:
            row.update(measure_page(clients[role], url, reps, queries_only, uncached=role == "anonymous"))
        pages.append(row)
    if not queries_only:
        # Once more at the end; the quicker of the two is the baseline (the quieter moment).
        again = measure_page(clients["anonymous"], BASELINE_PATH, max(reps * 2, 21), uncached=True)
        baseline["median_ms_start"], baseline["median_ms_end"] = baseline["median_ms"], again["median_ms"]
        baseline["median_ms"] = min(baseline["median_ms"], again["median_ms"])
        baseline["uncached_ms"] = min(baseline["uncached_ms"], again["uncached_ms"])
        baseline["cold_ms"] = min(baseline["cold_ms"], again["cold_ms"])
    return baseline, pages, documents


def measure_documents(documents, queries_only, pdfs=()):
    """One GET of each export/PDF/feed pattern: time, queries, and whether it can be revalidated
    (ETag / Last-Modified, and a 304 answer to a conditional GET)."""
    clients = {role: client_for(role) for role in ("anonymous", "staff")}
    from django.urls import resolve

    rendered = {resolve(urlsplit(pdf["url"]).path).route: pdf for pdf in pdfs
                if pdf.get("url") and not pdf.get("error")}
    timed_out = {resolve(urlsplit(pdf["url"]).path).route: pdf for pdf in pdfs
                 if pdf.get("url") and pdf.get("error", "").startswith("timeout")}
    for row in documents:
        client = clients[row["role"]]
        if row["route"] in timed_out:  # ran out of time already (bench.pdf_one): not a second wait
            row.update(url=timed_out[row["route"]]["url"], status=0, content_type="", bytes=0, queries=0,
                       repeated=[], seconds=SETTINGS["document_limit"], etag="", last_modified="",
                       cache_control="", error=timed_out[row["route"]]["error"])
            continue
        pdf = rendered.get(row["route"])
        if pdf is not None:  # rendered already (bench.pdf_one): not twice
            row.update(url=pdf["url"], status=200, content_type="application/pdf", bytes=pdf["bytes"],
                       queries=pdf.get("queries", 0), repeated=[], seconds=pdf["seconds"], etag=pdf["etag"],
                       last_modified=pdf["last_modified"], cache_control="", error="", pdf_pages=pdf["pages"],
                       revalidation_status=pdf.get("second_request_status"),
                       revalidation_seconds=pdf.get("second_request_seconds"))
            continue
        log(f"  document {row['role']:9} {row['url']}")
        forget_rendered_pages()  # time a rendering, not the site's cache
        begin = time.perf_counter()
        response, body, sqls = count_queries(client, row["url"], SETTINGS["document_limit"])
        seconds = time.perf_counter() - begin
        row.update(status=response.status_code, content_type=response.get("Content-Type", ""),
                   bytes=len(body), queries=len(sqls), repeated=repeated_queries(sqls),
                   seconds=seconds, etag=response.get("ETag", ""), last_modified=response.get("Last-Modified", ""),
                   cache_control=response.get("Cache-Control", ""), error=error_of(response))
        if body[:4] == b"%PDF":
            row["pdf_pages"] = pdf_pages(body)
        revalidate = not queries_only and seconds < SETTINGS["revalidate_limit"]
        if response.status_code == 200 and (row["etag"] or row["last_modified"]) and revalidate:
            headers = {}
            if row["etag"]:
                headers["HTTP_IF_NONE_MATCH"] = row["etag"]
            if row["last_modified"]:
                headers["HTTP_IF_MODIFIED_SINCE"] = row["last_modified"]
            begin = time.perf_counter()
            again, _body = get(client, row["url"], SETTINGS["document_limit"], **headers)
            row["revalidation_status"] = again.status_code
            row["revalidation_seconds"] = time.perf_counter() - begin
    return documents


def pdf_pages(content):
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(content)).pages)


# --- PDFs in a subprocess (seconds, pages, peak memory) -------------------------------------------
def url_patterns():
    """[(name with namespace, route, converters)] of every URL pattern of the project."""
    from django.urls import URLPattern, URLResolver, get_resolver

    found = []

    def walk(patterns, namespace, prefix):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                space = f"{namespace}:{pattern.namespace}" if namespace and pattern.namespace else (
                    pattern.namespace or namespace)
                walk(pattern.url_patterns, space, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern) and pattern.name:
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                converters = list(getattr(pattern.pattern, "converters", {}).keys())
                found.append((name, prefix + str(pattern.pattern), converters))

    walk(get_resolver().url_patterns, "", "")
    return found


def all_routes():
    """{route: name} of every URL pattern, with the Kyrgyz prefix the crawl's routes carry: to
    list in the results the patterns the crawl never reached."""
    from django.utils import translation

    with translation.override("ky"):
        return {route: name for name, route, _converters in url_patterns()}


def pdf_targets():
    """The three PDFs the issue sets targets for, when their pages exist."""
    from django.apps import apps
    from django.urls import NoReverseMatch, reverse

    from portal.management.commands.seed_bench import BIG_BUDGET_YEAR, PREFIX

    patterns = url_patterns()
    targets = []

    def find(namespace, words):
        for name, route, converters in patterns:
            if name.startswith(namespace + ":") and route.endswith(".pdf") and all(word in name for word in words):
                yield name, converters

    Hearing = apps.get_model("hearings", "Hearing")
    hearing = (Hearing.objects.published().filter(topic__startswith=PREFIX, state="held").exclude(minutes="")
               .order_by("pk").first())
    target = {"name": "Hearing minutes (30 proposals)", "url": None, "role": "anonymous"}
    if hearing is not None:
        try:
            target["url"] = reverse("hearings:minutes_pdf", args=[hearing.pk])
        except NoReverseMatch:
            pass
    targets.append(target)

    BudgetYear = apps.get_model("budget", "BudgetYear")
    year = BudgetYear.objects.filter(year=BIG_BUDGET_YEAR).first()
    target = {"name": f"Budget of {BIG_BUDGET_YEAR} (2 000 lines)", "url": None, "role": "anonymous",
              "limit_seconds": 10}
    if year is not None:
        # The official table of every line, rather than the citizens' summary.
        for name, converters in sorted(find("budget", []), key=lambda item: "citizen" in item[0]):
            kwargs = {"year": year.year} if "year" in converters else {"pk": year.pk} if "pk" in converters else None
            if kwargs is None:
                continue
            try:
                target["url"] = reverse(name, kwargs=kwargs)
                break
            except NoReverseMatch:
                continue
    targets.append(target)

    target = {"name": "Council session pack", "url": None, "role": "deputy", "limit_seconds": 15}
    try:
        Pack = apps.get_model("portal", "CouncilPack")
        pack = Pack.objects.filter(title__startswith=PREFIX).first()
    except LookupError:
        pack = None
    if pack is not None:
        for name, converters in find("portal", ["pack"]):
            if "pk" in converters:
                target["url"] = reverse(name, kwargs={"pk": pack.pk})
                break
    targets.append(target)
    return targets


def measure_pdfs():
    results = []
    for target in pdf_targets():
        if not target["url"]:
            target["error"] = "not available yet"
            results.append(target)
            continue
        log(f"  pdf {target['url']}")
        command = [sys.executable, "-m", "bench.pdf_one", target["url"], target["role"],
                   str(SETTINGS["revalidate_limit"])]
        try:
            done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True,
                                  timeout=SETTINGS["document_limit"] + 60)
        except subprocess.TimeoutExpired:
            target["error"] = f"timeout: over {SETTINGS['document_limit']:.0f} s"
            results.append(target)
            continue
        if done.returncode != 0:
            target["error"] = (done.stderr.strip().splitlines() or ["failed"])[-1][:300]
        else:
            target.update(json.loads(done.stdout.strip().splitlines()[-1]))
        results.append(target)
    return results


# --- page weight -----------------------------------------------------------------------------------
class AssetParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.assets = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("href") and any(
                rel in (attrs.get("rel") or "").split() for rel in ("stylesheet", "icon", "preload", "manifest")):
            self.assets.append(attrs["href"])
        elif tag in ("script", "img", "source") and attrs.get("src"):
            self.assets.append(attrs["src"])


CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")
LONG_CACHE = 7 * 24 * 3600


def max_age(cache_control):
    match = re.search(r"max-age=(\d+)", cache_control or "")
    return int(match.group(1)) if match else 0


def fetch_asset(client, url):
    response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    body = body_of(response)
    encoding = response.get("Content-Encoding", "")
    compressed = len(body) if encoding == "gzip" else len(gzip.compress(body, 6)) if _compressible(url) else len(body)
    raw = len(gzip.decompress(body)) if encoding == "gzip" else len(body)
    return {"url": url, "status": response.status_code, "bytes": raw, "transfer_bytes": compressed,
            "server_gzip": encoding == "gzip", "cache_control": response.get("Cache-Control", ""),
            "cacheable": max_age(response.get("Cache-Control", "")) >= LONG_CACHE}, (
                gzip.decompress(body) if encoding == "gzip" else body)


def _compressible(url):
    return urlsplit(url).path.rsplit(".", 1)[-1].lower() in ("css", "js", "svg", "html", "json", "txt", "ico")


def page_weight(url):
    """What a first visit downloads (HTML, CSS, scripts, fonts and images the CSS and HTML name),
    gzip-compressed as a browser receives them; and what a repeat visit downloads again (all that
    is not cacheable for at least a week: the HTML)."""
    client = client_for("anonymous")
    response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    html = body_of(response)
    encoding = response.get("Content-Encoding", "")
    html_raw = gzip.decompress(html) if encoding == "gzip" else html
    items = [{"url": url, "status": response.status_code, "bytes": len(html_raw),
              "transfer_bytes": len(html) if encoding == "gzip" else len(gzip.compress(html_raw, 6)),
              "server_gzip": encoding == "gzip", "cache_control": response.get("Cache-Control", ""),
              "cacheable": False}]
    parser = AssetParser()
    parser.feed(html_raw.decode("utf-8", "replace"))
    seen = set()
    queue = [asset for asset in parser.assets if asset.startswith("/") and not asset.startswith("//")]
    while queue:
        asset = queue.pop(0)
        if asset in seen:
            continue
        seen.add(asset)
        item, body = fetch_asset(client, asset)
        items.append(item)
        if asset.split("?")[0].endswith(".css"):
            base = asset.rsplit("/", 1)[0] + "/"
            for ref in CSS_URL.findall(body.decode("utf-8", "replace")):
                if ref.startswith("data:") or "://" in ref:
                    continue
                ref = ref.split("#")[0]
                resolved = ref if ref.startswith("/") else os.path.normpath(base + ref)
                queue.append(resolved)
    first = sum(item["transfer_bytes"] for item in items if item["status"] == 200)
    repeat = sum(item["transfer_bytes"] for item in items if item["status"] == 200 and not item["cacheable"])
    return {"url": url, "first_visit_bytes": first, "repeat_visit_bytes": repeat, "items": items,
            "html_server_gzip": items[0]["server_gzip"]}


# --- profiles ---------------------------------------------------------------------------------------
def profile(url, role, name):
    try:
        from pyinstrument import Profiler
    except ImportError:
        return {"name": name, "url": url, "error": "pyinstrument is not installed (.venv/bin/pip install pyinstrument)"}
    client = client_for(role)
    body_of(client.get(url))  # warm-up
    forget_rendered_pages()  # profile a rendering, not a cache hit
    profiler = Profiler(interval=0.0005)
    profiler.start()
    body_of(client.get(url))
    profiler.stop()
    text = profiler.output_text(unicode=False, color=False, show_all=False)
    out = BENCH_DIR / "out" / f"profile-{name}.txt"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text)
    return {"name": name, "url": url, "file": str(out.relative_to(ROOT)), "text": text}


# --- the machine -----------------------------------------------------------------------------------
def machine():
    import platform

    import django
    from django.db import connection

    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "unknown"
    try:
        kilobytes = int(Path("/proc/meminfo").read_text().split("MemTotal:")[1].split()[0])
        ram = f"{kilobytes / 1024 / 1024:.1f} GiB"
    except (OSError, IndexError, ValueError):
        pass
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            database = "PostgreSQL " + cursor.fetchone()[0]
        else:
            database = f"{connection.vendor} {connection.Database.sqlite_version}"
    import weasyprint

    weasy = weasyprint.__version__
    return {"cpu": cpu, "cores": os.cpu_count(), "load_average": os.getloadavg(), "ram": ram,
            "python": platform.python_version(),
            "database": database, "django": django.get_version(), "weasyprint": weasy,
            "os": platform.platform(), "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}


def data_counts():
    from django.apps import apps

    labels = ["groups.InitiativeGroup", "groups.Person", "groups.Membership", "hearings.Hearing",
              "hearings.Proposal", "budget.BudgetYear", "budget.BudgetLine", "projects.Project",
              "projects.FundingContribution", "planning.NeedsStudy", "planning.Need", "planning.NeedRanking",
              "planning.ActionPlan", "planning.PlannedAction"]
    counts = {}
    for label in labels:
        try:
            counts[label] = apps.get_model(label).objects.count()
        except LookupError:  # an app this branch does not have
            continue
    return counts


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", required=True)
    parser.add_argument("--reps", type=int, default=11)
    parser.add_argument("--queries-only", action="store_true",
                        help="Queries and HTML sizes only, no timing (the N=1 pass).")
    parser.add_argument("--profile", action="store_true", help="Profile the slowest pages and PDF.")
    parser.add_argument("--scale", default="?")
    parser.add_argument("--quick", action="store_true", help="Tighter time bounds (CI).")
    args = parser.parse_args(argv)
    if args.quick:
        SETTINGS.update(page_budget=3.0, revalidate_limit=3.0, request_limit=15.0, document_limit=90.0)
    setup()
    started = time.perf_counter()
    result = {"scale": args.scale, "machine": machine(), "data": data_counts(), "reps": args.reps}
    chosen = discover()
    baseline, pages, documents = measure_pages(chosen, args.reps, args.queries_only)
    result.update(baseline=baseline, pages=pages, routes=all_routes())
    if not args.queries_only:
        result["pdfs"] = measure_pdfs()
    # The N=1 pass compares pages only: documents are measured at the bench's scale.
    result["documents"] = [] if args.queries_only else measure_documents(documents, False, result.get("pdfs", ()))
    if not args.queries_only:
        result["weight"] = [page_weight(url) for url in weight_urls(pages)]
    if args.profile and not args.queries_only:
        result["profiles"] = profiles(pages, result.get("pdfs", []))
    result["seconds"] = time.perf_counter() - started
    result["machine"]["load_average_end"] = os.getloadavg()
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, ensure_ascii=False, indent=1, default=str))
    log(f"measured {len(pages)} pages and {len(documents)} documents in {result['seconds']:.0f} s -> {args.out}")
    return 0


def weight_urls(pages):
    """The home page and the budget page (the one a citizen reaches from the menu)."""
    urls = ["/ky/"]
    for page in pages:
        if page["view_name"] == "budget:index" and page["role"] == "anonymous":
            urls.append(page["url"])
            break
    return urls


def profiles(pages, pdfs):
    done = []
    public = sorted((page for page in pages if page["role"] == "anonymous" and "median_ms" in page),
                    key=lambda page: -page.get("uncached_ms", page["median_ms"]))
    staff = sorted((page for page in pages if page["role"] == "staff" and "median_ms" in page),
                   key=lambda page: -page["median_ms"])
    for index, page in enumerate(public[:2]):
        done.append(profile(page["url"], "anonymous", f"public-{index + 1}"))
    if staff:
        done.append(profile(staff[0]["url"], "staff", "staff-1"))
    for pdf in pdfs:
        if pdf.get("url") and pdf.get("seconds") is not None and "Budget" in pdf["name"]:
            done.append(profile(pdf["url"], pdf["role"], "budget-pdf"))
    return done


if __name__ == "__main__":
    sys.exit(main())
