"""Write bench/results.md from the JSON files of a bench run, and print it.

    python -m bench.report --measure bench/out/measure.json [--small bench/out/measure-small.json]
                           [--large bench/out/measure-large.json] [--load bench/out/load.json]
                           --out bench/results.md --mode full

`--small` and `--large` are the query counts and HTML sizes of the same run at N=1 and at twice N:
a page "grows with N" when it is bigger (or reads more queries) at 2N than at N. A paged list
that is bigger at N than at N=1 but not at 2N filled its first page in between: it is bounded.

The targets of the issue are checked here; each says met / not met and why. bench/findings.md
(written by hand after reading the profiles) is appended as it is.
"""
import argparse
import json
import sys
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
MAX_QUERIES = 15
MAX_RATIO = 5
FRESH_RATIO = 20  # a public page rendered afresh / cold, against the baseline rendered the same way
STAFF_MAX_MS = 300
STAFF_MAX_HTML = 100 * 1024  # raw HTML, as the browser of an old PC parses it
# A staff page's HTML "grows with N" when it is larger at N=10 than at N=1 by more than this
# (the page measured is a real object, not the same one at both scales: some slack).
GROWTH_SHARE, GROWTH_BYTES = 0.10, 2 * 1024
MIN_HOME_THROUGHPUT = 0.5
FIRST_VISIT_LIMIT = 100 * 1024
REPEAT_VISIT_LIMIT = 20 * 1024


def load(path):
    return json.loads(Path(path).read_text()) if path and Path(path).exists() else None


def kb(value):
    return f"{value / 1024:.1f} KB" if value is not None else "–"


def ms(value):
    return f"{value:.1f}" if value is not None else "–"


def times(ratio, limit):
    return f"{ratio:.1f}{' ⚠' if ratio > limit else ''}" if ratio is not None else "–"


def cell(text):
    return str(text).replace("|", "\\|").replace("\n", " ")


def verdict(ok):
    return "**met**" if ok else "**not met**"


class Report:
    def __init__(self, measure, small, load_result, mode, large=None):
        self.measure, self.small, self.load, self.mode = measure, small, load_result, mode
        self.large = large
        self.baseline_ms = measure["baseline"].get("median_ms")
        self.lines = []
        self.targets = []

    def add(self, *lines):
        self.lines.extend(lines)

    def ratio(self, page):
        if page.get("median_ms") is None or not self.baseline_ms:
            return None
        return page["median_ms"] / self.baseline_ms

    def uncached_ratio(self, page, key="uncached_ms"):
        base = self.measure["baseline"].get(key)
        if page.get(key) is None or not base:
            return None
        return page[key] / base

    def cold_ratio(self, page):
        return self.uncached_ratio(page, "cold_ms")

    @property
    def busy(self):
        """Whether the machine was busier than its cores at the start or the end of the run: then
        wall times are mostly waiting, and the staff pages are judged on CPU time."""
        machine = self.measure["machine"]
        loads = [(machine.get(key) or [0])[0] for key in ("load_average", "load_average_end")]
        return max(loads) > (machine.get("cores") or 1)

    def small_pages(self):
        return {page["route"]: page for page in self.small["pages"]} if self.small else {}

    def large_pages(self):
        return {page["route"]: page for page in self.large["pages"]} if self.large else {}

    @staticmethod
    def grows(before, after):
        return after - before > max(before * GROWTH_SHARE, GROWTH_BYTES)

    def staff_pages(self):
        return [page for page in self.measure["pages"] if page["role"] != "anonymous"]

    def staff_targets(self):
        scale = self.measure["scale"]
        staff = [page for page in self.staff_pages() if page.get("status") == 200]
        key, how = ("median_cpu_ms", "CPU ms") if self.busy else ("median_ms", "median ms")
        slow = [page for page in staff if page.get(key) is not None and page[key] >= STAFF_MAX_MS]
        heavy = [page for page in staff if page.get("bytes", 0) >= STAFF_MAX_HTML]
        offenders = sorted({page["route"]: page for page in slow + heavy}.values(),
                           key=lambda page: -(page.get(key) or 0))
        slowest = max((page for page in staff if page.get(key) is not None), key=lambda page: page[key], default=None)
        biggest = max(staff, key=lambda page: page.get("bytes", 0), default=None)
        measured = "; ".join(part for part in (
            f"slowest {slowest[key]:.0f} {how} ({slowest['route']})" if slowest else "",
            f"biggest {kb(biggest['bytes'])} ({biggest['route']})" if biggest else "") if part) or "no staff pages"
        why = "; ".join(
            f"`{page['route']}` " + ", ".join(part for part in (
                f"{page[key]:.0f} {how}" if page in slow else "",
                f"{kb(page['bytes'])} HTML" if page in heavy else "") if part)
            for page in offenders) or f"all {len(staff)} staff pages are within both limits"
        if self.busy:
            why += (" (the machine was busy, load average above its cores: judged on CPU ms, the request's own "
                    "time, not on wall time)")
        self.targets.append((
            f"Every staff page under {STAFF_MAX_MS} ms median server time and {STAFF_MAX_HTML // 1024} KB of HTML "
            f"(N={scale})", measured, bool(staff) and not offenders, why))

        small = self.small_pages()
        if not small:
            self.targets.append(("No staff page's HTML grows with N", "skipped", None,
                                 "--quick runs one scale only; the full run compares N=1 with N=10"))
            return
        compared = [(page, small[page["route"]]) for page in staff
                    if small.get(page["route"], {}).get("status") == 200]
        growing = sorted(((page, before) for page, before in compared if self.grows(before["bytes"], page["bytes"])),
                         key=lambda pair: pair[1]["bytes"] - pair[0]["bytes"])
        tolerance = f"tolerance +{GROWTH_SHARE:.0%} or +{GROWTH_BYTES // 1024} KB, whichever is more"
        large = self.large_pages()
        if not large:
            self.targets.append((
                f"No staff page's HTML grows with N (raw HTML, N={self.small['scale']} vs N={scale}; {tolerance})",
                f"{len(growing)} of {len(compared)} staff pages grow",
                not growing,
                "; ".join(f"`{page['route']}` {kb(before['bytes'])} → {kb(page['bytes'])}" for page, before in growing)
                or "every staff page's HTML is flat"))
            return
        # Three scales: what is still growing from N to 2N grows with the data; what grew from N=1 to
        # N only filled its first page (a paged list or a search's matches) and stops there.
        n1, n2 = self.small["scale"], self.large["scale"]
        past = sorted(((page, large[page["route"]]) for page in staff
                       if large.get(page["route"], {}).get("status") == 200
                       and self.grows(page["bytes"], large[page["route"]]["bytes"])),
                      key=lambda pair: pair[0]["bytes"] - pair[1]["bytes"])
        still = {page["route"] for page, _after in past}
        filled = [(page, before) for page, before in growing if page["route"] not in still]
        why = "; ".join(f"`{page['route']}` {kb(page['bytes'])} → {kb(after['bytes'])} (N={scale} → N={n2})"
                        for page, after in past) or f"no staff page's HTML grows from N={scale} to N={n2}"
        if filled:
            why += (f". Bigger at N={scale} than at N={n1}, flat from there (their first page filled in between): " +
                    "; ".join(f"`{page['route']}` {kb(before['bytes'])} → {kb(page['bytes'])} → "
                              f"{kb(large[page['route']]['bytes'])}" for page, before in filled))
        self.targets.append((
            f"No staff page's HTML grows with N (raw HTML at N={n1}, N={scale} and N={n2}: growing from N={scale} "
            f"to N={n2}; {tolerance})",
            f"{len(past)} of {len(compared)} staff pages grow; {len(filled)} fill their first page between "
            f"N={n1} and N={scale}",
            not past, why))

    def fresh_target(self, name, key, ratio):
        fresh = [page for page in self.measure["pages"] if page["role"] == "anonymous" and ratio(page) is not None]
        if not fresh:
            self.targets.append((name, "–", None, "not measured"))
            return
        slow = sorted((page for page in fresh if ratio(page) > FRESH_RATIO), key=lambda page: -ratio(page))
        slowest = max(fresh, key=ratio)
        self.targets.append((
            f"{name} within {FRESH_RATIO}× the baseline rendered the same way "
            f"({self.measure['baseline'][key]:.1f} ms)",
            f"worst {ratio(slowest):.1f}× ({slowest['route']})",
            not slow,
            "; ".join(f"`{page['route']}` {page[key]:.0f} ms = {ratio(page):.1f}×" for page in slow)
            or "every public page is within the limit"))

    # --- targets
    def check_targets(self):
        pages = self.measure["pages"]
        scale = self.measure["scale"]
        errors = [page for page in pages if page.get("status", 0) >= 500]
        errors += [doc for doc in self.measure["documents"] if doc.get("status", 0) >= 500]

        # Afresh (as after an unrelated change) and cold (every cache emptied: the whole rendering).
        def most(page):
            return max(page.get("queries", 0), page.get("cold_queries") or 0)

        heavy = [page for page in pages if most(page) > MAX_QUERIES]
        worst = max(pages, key=lambda page: page.get("queries", 0)) if pages else None
        cold = max(pages, key=lambda page: page.get("cold_queries") or 0) if pages else None
        self.targets.append((
            f"No page over {MAX_QUERIES} queries (N={scale}, afresh: as after an unrelated change, and cold: every "
            f"cache emptied)",
            (f"max {worst['queries']} ({worst['route']})" if worst else "no pages") + (
                f"; rendered cold, every cache emptied: max {cold['cold_queries']} ({cold['route']})"
                if cold and cold.get("cold_queries") is not None else ""),
            not heavy,
            "; ".join(f"`{page['route']}` {page['queries']}/{page.get('cold_queries', '–')} q" + (
                f" (repeated: {page['repeated'][0]['count']}× `{page['repeated'][0]['sql'][:70]}…`)"
                if page.get("repeated") else "") for page in heavy) or "every page is within the limit",
        ))

        if self.small:
            small = self.small_pages()

            def counts(page):
                return page.get("queries", 0), page.get("cold_queries", page.get("queries", 0))

            large = self.large_pages()

            def scales(page):
                """The page's (afresh, cold) counts at each measured scale, smallest first."""
                found = [small.get(page["route"]), page, large.get(page["route"])]
                return [counts(each) for each in found if each is not None and each.get("status") == 200]

            def grows(steps):
                return any(after > before for lower, higher in zip(steps, steps[1:])
                           for before, after in zip(lower, higher))

            growing = [(page, scales(page)) for page in pages if page["route"] in small and grows(scales(page))]
            names = " vs ".join(f"N={each['scale']}" for each in (self.small, self.measure, self.large) if each)
            self.targets.append((
                f"No page's query count grows with N ({names}, afresh and cold)",
                f"{len(growing)} of {len(pages)} pages grow",
                not growing,
                "; ".join(f"`{page['route']}` " + " → ".join("/".join(map(str, step)) for step in steps)
                          for page, steps in growing) or "every count is flat",
            ))
        else:
            self.targets.append(("No page's query count grows with N", "skipped", None,
                                 "--quick runs one scale only; the full run compares N=1 with N=10"))

        public = [page for page in pages if page["role"] == "anonymous" and self.ratio(page) is not None]
        slow = sorted((page for page in public if self.ratio(page) > MAX_RATIO), key=lambda page: -self.ratio(page))
        slowest = max(public, key=self.ratio) if public else None
        self.targets.append((
            f"Each public page's median server time within {MAX_RATIO}× the baseline "
            f"({self.baseline_ms:.1f} ms)" if self.baseline_ms else "Public pages within 5× baseline",
            f"worst {self.ratio(slowest):.1f}× ({slowest['route']})" if slowest else "–",
            not slow,
            "; ".join(f"`{page['route']}` {page['median_ms']:.0f} ms = {self.ratio(page):.1f}×" for page in slow)
            or "every public page is within the limit",
        ))

        self.fresh_target("Each public page rendered afresh (content version bumped, as after any change)",
                          "uncached_ms", self.uncached_ratio)
        self.fresh_target("Each public page rendered cold (whole cache cleared)", "cold_ms", self.cold_ratio)
        self.staff_targets()

        if self.load:
            rows = {row["label"]: row for row in self.load["pages"]}
            base = rows.get("baseline", {}).get("requests_per_second")
            home = rows.get("home", {}).get("requests_per_second")
            if base and home:
                share = home / base
                self.targets.append((
                    f"Home page throughput at least {MIN_HOME_THROUGHPUT:.0%} of the baseline's",
                    f"{home:.0f} vs {base:.0f} req/s = {share:.2f}", share >= MIN_HOME_THROUGHPUT,
                    "gunicorn, same run, same server" if share >= MIN_HOME_THROUGHPUT else
                    "the home page's server time is too high against base.html (see its profile)"))
            else:
                self.targets.append(("Home page throughput ≥ 50 % of the baseline's", "–", False,
                                     "; ".join(f"{row['label']}: {row.get('error')}" for row in rows.values()
                                               if row.get("error")) or "no figures"))
        else:
            self.targets.append(("Home page throughput ≥ 50 % of the baseline's", "–", False, "no load test ran"))

        for pdf in self.measure.get("pdfs", []):
            limit = pdf.get("limit_seconds")
            if not limit:
                continue
            if pdf.get("error"):
                self.targets.append((f"{pdf['name']} under {limit} s", "–", None if "not available" in pdf["error"]
                                     else False, pdf["error"]))
                continue
            ok = pdf["seconds"] < limit
            why = f"{pdf['pages']} pages at {pdf['pages_per_second']:.1f} pages/s"
            if pdf.get("cpu_seconds") is not None:
                why += f"; CPU time {pdf['cpu_seconds']:.1f} s"
                if not ok and pdf["cpu_seconds"] < limit:
                    why += " (the wall time is the busy machine's: within the limit on an idle one)"
            if "pack" in pdf["name"].lower() and pdf["pages"] < 100:
                why += f"; only {pdf['pages']} pages: the bench pack is short of 100 pages"
            self.targets.append((f"{pdf['name']} under {limit} s", f"{pdf['seconds']:.1f} s", ok, why))

        for weight in self.measure.get("weight", []):
            if weight["url"] != "/ky/":
                continue
            first, repeat = weight["first_visit_bytes"], weight["repeat_visit_bytes"]
            self.targets.append(("Home page first visit under 100 KB compressed", kb(first),
                                 first < FIRST_VISIT_LIMIT, f"{len(weight['items'])} files"))
            uncached = [item["url"] for item in weight["items"][1:] if not item["cacheable"]]
            self.targets.append(("Home page repeat visit under 20 KB compressed", kb(repeat),
                                 repeat < REPEAT_VISIT_LIMIT,
                                 ("HTML only; static files carry long cache headers" if not uncached else
                                  "not cacheable: " + ", ".join(uncached))))

        documents = [doc for doc in self.measure["documents"] if doc.get("status") == 200]
        bare = [doc for doc in documents if not doc.get("etag") and not doc.get("last_modified")]
        self.targets.append((
            "ETag/Last-Modified on PDFs and exports",
            f"{len(documents) - len(bare)} of {len(documents)} documents",
            not bare,
            ("missing on " + ", ".join(f"`{doc['route']}`" for doc in bare)) if bare else "all carry one",
        ))
        return errors

    # --- sections
    def header(self):
        machine = self.measure["machine"]
        self.add("# Benchmark results", "",
                 f"Generated by `bench/run{' --quick' if self.mode == 'quick' else ''}` on {machine['date']} "
                 f"(mode {self.mode}, scale N={self.measure['scale']}, {self.measure['reps']} timed requests a page "
                 "after two warm-ups). Re-run it to refresh this file.", "",
                 "| machine | |", "|---|---|",
                 f"| CPU | {machine['cpu']} |", f"| cores | {machine['cores']} |", f"| RAM | {machine['ram']} |",
                 f"| load average (1, 5, 15 min) at start / end | "
                 f"{' '.join(f'{value:.1f}' for value in machine.get('load_average', []))} / "
                 f"{' '.join(f'{value:.1f}' for value in machine.get('load_average_end', []))} |",
                 f"| OS | {machine['os']} |", f"| Python | {machine['python']} |",
                 f"| database | {machine['database']} |", f"| Django / WeasyPrint | {machine['django']} / "
                 f"{machine['weasyprint']} |", "")
        if self.busy:
            load = max((machine.get(key) or [0])[0] for key in ("load_average", "load_average_end"))
            self.add(f"> **Warning**: the machine was busy (load average up to {load:.1f} on {machine['cores']} "
                     "cores): absolute times are inflated; the ratios to the baseline, measured in the same run, "
                     "are the figures to compare, and staff pages are judged on CPU ms.", "")
        data = self.measure["data"]
        self.add("Data in the database (demo + `seed_bench`): " + ", ".join(
            f"{label.split('.')[1]} {count}" for label, count in data.items()) + ".", "")

    def target_table(self):
        self.add("## Targets", "", "| target | measured | verdict | why |", "|---|---|---|---|")
        for name, value, ok, why in self.targets:
            mark = "skipped" if ok is None else verdict(ok)
            self.add(f"| {cell(name)} | {cell(value)} | {mark} | {cell(why)} |")
        self.add("")

    def page_table(self):
        small = self.small_pages()
        scale = self.measure["scale"]
        n1 = f"N={self.small['scale']}" if small else None
        nn = f"N={scale}"
        self.add("## Pages", "",
                 "Every URL pattern reached by crawling from the home page, as a citizen (`anonymous`) and as "
                 "staff (`staff`: only the patterns a citizen cannot open), each measured once with a real "
                 "object (the biggest page the crawl met for the pattern). Server time: median wall time of the "
                 "Django test client in process, as served (a page the site caches is a cache hit after the "
                 "first request); CPU ms: the same request's CPU time in this process (what the wall time would "
                 "be on an idle machine, less the database's own time). Queries: *afresh/cold*, counted on a request "
                 "after the content version was bumped (a page kept until what it shows changes is then a cache "
                 "hit: 1 query) and on one with every cache emptied (the whole rendering). "
                 "HTML KB: the raw HTML as sent to the browser; gzip: the same compressed at level 6.", "")
        self.public_table(small, n1, nn)
        self.staff_table(small, n1, nn)
        self.repeated_queries()

    def public_table(self, small, n1, nn):
        self.add("### Public pages", "",
                 f"*Afresh*: the content version bumped before every request (what the first visitor after any "
                 f"change waits); *cold*: the whole cache cleared before every request (a restart, or a change of "
                 f"what the page itself shows). Ratios: against the baseline page (base.html, no queries, same "
                 f"middleware) measured the same way; ⚠ over {MAX_RATIO}× as served, over {FRESH_RATIO}× afresh "
                 f"or cold.", "")
        queries = (f" queries {n1} | queries {nn} |" if small else f" queries {nn} |")
        # a page's query counts: afresh/cold
        self.add("| route | status |" + queries + " median ms | CPU ms | × baseline | afresh ms | × baseline "
                 "| cold ms | × baseline | HTML KB | gzip KB |",
                 "|---" * (12 + (1 if small else 0)) + "|")
        base = self.measure["baseline"]
        self.add(f"| *baseline: base.html* | {base['status']} |" + (" – |" if small else "") +
                 f" {self.queries_of(base)} | {ms(base.get('median_ms'))} | {ms(base.get('median_cpu_ms'))} | 1.0 |"
                 f" {ms(base.get('uncached_ms'))} | 1.0 | {ms(base.get('cold_ms'))} | 1.0 |"
                 f" {base.get('bytes', 0) / 1024:.1f} | {base['gzip_bytes'] / 1024:.1f} |")
        for page in sorted((page for page in self.measure["pages"] if page["role"] == "anonymous"),
                           key=lambda page: page["route"]):
            ratio = self.ratio(page)
            self.add(f"| [`{cell(page['route'])}`]({page['url']}) | {page['status']} |" +
                     self.query_cells(page, small) +
                     f" {ms(page.get('median_ms'))} | {ms(page.get('median_cpu_ms'))} |"
                     f" {times(ratio, MAX_RATIO)} |"
                     f" {ms(page.get('uncached_ms'))} | {times(self.uncached_ratio(page), FRESH_RATIO)} |"
                     f" {ms(page.get('cold_ms'))} | {times(self.cold_ratio(page), FRESH_RATIO)} |"
                     f" {page.get('bytes', 0) / 1024:.1f} | {page.get('gzip_bytes', 0) / 1024:.1f} |")
        self.add("")

    @staticmethod
    def queries_of(page):
        """'afresh/cold' query counts of a page ('–' where not measured)."""
        if page is None or page.get("queries") is None:
            return "–"
        flag = " ⚠" if page["queries"] > MAX_QUERIES else ""
        return f"{page['queries']}/{page.get('cold_queries', '–')}{flag}"

    def query_cells(self, page, small):
        if not small:
            return f" {self.queries_of(page)} |"
        before = small.get(page["route"])
        grow = " ↑" if before and (page.get("queries", 0) > before.get("queries", 0) or
                                   page.get("cold_queries", 0) > before.get("cold_queries", 0)) else ""
        return f" {self.queries_of(before)} | {self.queries_of(page)}{grow} |"

    def staff_table(self, small, n1, nn):
        key = "median_cpu_ms" if self.busy else "median_ms"
        self.add("### Staff pages", "",
                 f"⚠ at or over {STAFF_MAX_MS} ms ({'CPU ms: the machine was busy' if self.busy else 'median ms'}) "
                 f"or {STAFF_MAX_HTML // 1024} KB of HTML" + (
                     f"; ↑ HTML larger at {nn} than at {n1} by more than {GROWTH_SHARE:.0%} or "
                     f"{GROWTH_BYTES // 1024} KB (the page of another object of the same pattern at each scale)"
                     if small else "") + ".", "")
        large = self.large_pages() if small else {}
        n2 = f"N={self.large['scale']}" if large else None
        if large:
            self.add(f"↗: bigger at {nn} than at {n1} but not at {n2} (its first page filled in between); ↑ then "
                     f"means bigger at {n2} than at {nn}.", "")
        sizes = (f" HTML KB {n1} | HTML KB {nn} |" if small else f" HTML KB {nn} |") + (
            f" HTML KB {n2} |" if large else "")
        queries = f" queries {n1} | queries {nn} |" if small else f" queries {nn} |"
        self.add("| route | who | status |" + queries + sizes + f" gzip KB {nn} | median ms {nn} | CPU ms {nn} |",
                 "|---" * (8 + (2 if small else 0) + (1 if large else 0)) + "|")
        for page in sorted(self.staff_pages(), key=lambda page: page["route"]):
            size = page.get("bytes", 0)
            before = small.get(page["route"], {}).get("bytes") if small else None
            after = large.get(page["route"], {}).get("bytes")
            heavy = " ⚠" if size >= STAFF_MAX_HTML else ""
            grow = " ↑" if before is not None and self.grows(before, size) else ""
            if large:
                still = after is not None and self.grows(size, after)
                grow = " ↗" if grow and not still else ""
            slow = " ⚠" if (page.get(key) or 0) >= STAFF_MAX_MS else ""
            self.add(f"| [`{cell(page['route'])}`]({page['url']}) | {page['role']} | {page['status']} |" +
                     self.query_cells(page, small) +
                     (f" {before / 1024:.1f} |" if before is not None else " – |" if small else "") +
                     f" {size / 1024:.1f}{heavy}{grow} |" +
                     ((f" {after / 1024:.1f}{' ↑' if self.grows(size, after) else ''} |" if after is not None
                       else " – |") if large else "") +
                     f" {page.get('gzip_bytes', 0) / 1024:.1f} |"
                     f" {ms(page.get('median_ms'))}{slow if key == 'median_ms' else ''} |"
                     f" {ms(page.get('median_cpu_ms'))}{slow if key == 'median_cpu_ms' else ''} |")
        self.add("")

    def unmeasured(self):
        """The URL patterns the crawl never reached (nothing links to them, or they answer POST
        only), so that a page nobody measures is at least named."""
        routes = self.measure.get("routes")
        if not routes:
            return
        measured = {row["route"] for row in self.measure["pages"] + self.measure["documents"]}
        missing = {route: name for route, name in routes.items()
                   if route not in measured and name != "bench_baseline"}
        admin = [route for route, name in missing.items() if name.startswith("admin:")]
        rest = sorted((route, name) for route, name in missing.items() if not name.startswith("admin:"))
        staff = [(route, name) for route, name in rest if "staff/" in route]
        self.add("## URL patterns never measured", "",
                 f"{len(routes)} URL patterns in all, {len(measured)} measured. Not reached by the crawl (no link "
                 f"leads there with the bench data, or the view answers POST only), besides the {len(admin)} of "
                 "Django's admin:", "")
        if not rest:
            self.add("- none", "")
            return
        for route, name in rest:
            self.add(f"- `{cell(route)}` ({name}){' — **staff page**' if (route, name) in staff else ''}")
        self.add("")

    def repeated_queries(self):
        repeated = [page for page in self.measure["pages"]
                    if page.get("repeated") and page["repeated"][0]["count"] >= 3]
        if repeated:
            self.add("Query shapes repeated 3 times or more on one page (N+1 suspects):", "")
            for page in sorted(repeated, key=lambda page: -page["repeated"][0]["count"]):
                for item in page["repeated"][:2]:
                    if item["count"] >= 3:
                        self.add(f"- `{page['route']}`: {item['count']}× `{cell(item['sql'][:120])}`")
            self.add("")

    def document_table(self):
        self.add("## Documents (PDF, CSV, feeds)", "",
                 "One request each, as the visitor the crawl found it with; then a conditional request with "
                 "the validators it gave (304 = the server recognised the unchanged document).", "",
                 "| route | who | status | seconds | pages | queries | ETag | Last-Modified | revalidation |",
                 "|---|---|---|---|---|---|---|---|---|")
        for doc in sorted(self.measure["documents"], key=lambda doc: doc["route"]):
            revalidation = doc.get("revalidation_status", "–")
            if doc.get("revalidation_seconds") is not None:
                revalidation = f"{revalidation} in {doc['revalidation_seconds']:.2f} s"
            self.add(f"| [`{cell(doc['route'])}`]({doc['url']}) | {doc['role']} | {doc.get('status')} | "
                     f"{doc.get('seconds', 0):.2f} | {doc.get('pdf_pages', '–')} | {doc.get('queries', '–')} | "
                     f"{'yes' if doc.get('etag') else 'no'} | {'yes' if doc.get('last_modified') else 'no'} | "
                     f"{revalidation} |")
        self.add("")

    def pdf_table(self):
        pdfs = self.measure.get("pdfs")
        if not pdfs:
            return
        self.add("## PDFs", "",
                 "Each rendered in a fresh process (`bench/pdf_one.py`) after WeasyPrint was warmed up on a small "
                 "PDF; peak memory is the process's high-water mark (VmHWM), growth is over the warmed-up process.",
                 "", "| PDF | URL | seconds | CPU s | pages | pages/s | queries | peak MB (growth) | "
                 "second request (status) s |", "|---|---|---|---|---|---|---|---|---|")
        for pdf in pdfs:
            if pdf.get("error"):
                self.add(f"| {pdf['name']} | {pdf.get('url') or '–'} | {cell(pdf['error'])} | | | | | | |")
                continue
            again = (f"{pdf['second_request_seconds']:.2f} ({pdf.get('second_request_status')})"
                     if pdf.get("second_request_seconds") is not None else "–")
            cpu = f"{pdf['cpu_seconds']:.1f}" if pdf.get("cpu_seconds") is not None else "–"
            self.add(f"| {pdf['name']} | {pdf['url']} | {pdf['seconds']:.2f} | {cpu} | {pdf['pages']} | "
                     f"{pdf['pages_per_second']:.1f} | {pdf.get('queries', '–')} | "
                     f"{pdf['peak_mb']:.0f} ({pdf['growth_mb']:+.0f}) | "
                     f"{again} |")
        self.add("")

    def load_table(self):
        if not self.load:
            return
        rows = self.load["pages"]
        base = next((row.get("requests_per_second") for row in rows if row["label"] == "baseline"), None)
        self.add("## Throughput under gunicorn", "",
                 f"gunicorn with {self.load['workers']} sync workers on 127.0.0.1, {self.load['tool']} with "
                 f"{self.load['connections']} connections for {self.load['duration']} s a page (after a 1 s "
                 "warm-up), same run, same server. The load tool runs on the same machine and takes CPU too: "
                 "compare the ratios, not the absolute figures.", "",
                 "| page | URL | requests/s | × baseline | median latency ms | non-2xx |", "|---|---|---|---|---|---|")
        for row in rows:
            if row.get("error"):
                self.add(f"| {row['label']} | {row.get('url') or '–'} | {cell(row['error'])} | | | |")
                continue
            rps = row.get("requests_per_second")
            ratio = f"{rps / base:.2f}" if rps and base else "–"
            latency = f"{row['median_latency_ms']:.1f}" if row.get("median_latency_ms") is not None else "–"
            self.add(f"| {row['label']} | {row['url']} | {rps:.0f} | {ratio} | {latency} | {row.get('errors', 0)} |")
        self.add("")

    def weight_table(self):
        weights = self.measure.get("weight")
        if not weights:
            return
        self.add("## Page weight", "",
                 "What a browser downloads, gzip-compressed (what whitenoise sends for static files; HTML "
                 "compressed here at level 6 as a front proxy would, unless the server already compressed it). "
                 "Repeat visit: only what is not cacheable for a week or more.", "")
        for weight in weights:
            self.add(f"**{weight['url']}**: first visit {kb(weight['first_visit_bytes'])}, repeat visit "
                     f"{kb(weight['repeat_visit_bytes'])}"
                     f"{'' if weight['html_server_gzip'] else ' (the application itself sends HTML uncompressed)'}.",
                     "", "| file | status | size | compressed | cache |", "|---|---|---|---|---|")
            for item in weight["items"]:
                self.add(f"| {item['url']} | {item['status']} | {kb(item['bytes'])} | {kb(item['transfer_bytes'])} | "
                         f"{cell(item['cache_control'] or 'none')} |")
            self.add("")

    def profiles(self):
        profiles = self.measure.get("profiles")
        if not profiles:
            return
        self.add("## Profiles (pyinstrument)", "")
        for profile in profiles:
            if profile.get("error"):
                self.add(f"- {profile['name']}: {profile['error']}")
                continue
            text = "\n".join(profile["text"].splitlines()[:60])
            self.add(f"<details><summary>{profile['name']}: {profile['url']} (full: {profile['file']})</summary>",
                     "", "```", text, "```", "</details>", "")

    def errors(self, errors):
        timeouts = [row for row in self.measure["pages"] + self.measure["documents"] if row.get("status") == 0]
        if not errors and not timeouts:
            return
        self.add("## Server errors and timeouts", "")
        for row in errors + timeouts:
            self.add(f"- `{row['route']}` {row['url']}: {cell(row.get('error') or row.get('status'))}")
        self.add("")

    def findings(self):
        path = BENCH_DIR / "findings.md"
        if path.exists():
            self.add(path.read_text().strip(), "")

    def render(self):
        errors = self.check_targets()
        self.header()
        self.target_table()
        self.errors(errors)
        self.page_table()
        self.unmeasured()
        self.document_table()
        self.pdf_table()
        self.load_table()
        self.weight_table()
        self.findings()
        self.profiles()
        return "\n".join(self.lines) + "\n", errors


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--measure", required=True)
    parser.add_argument("--small")
    parser.add_argument("--large")
    parser.add_argument("--load")
    parser.add_argument("--out", required=True)
    parser.add_argument("--mode", default="full")
    args = parser.parse_args(argv)
    report = Report(load(args.measure), load(args.small), load(args.load), args.mode, large=load(args.large))
    text, errors = report.render()
    Path(args.out).write_text(text)
    print(text)
    if errors:
        print(f"{len(errors)} page(s) answered with a server error: see 'Server errors' in {args.out}",
              file=sys.stderr)
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main())
