"""Helpers of the browser tests: log in as a person would, run axe-core, explain violations."""
from pathlib import Path

AXE_JS = Path(__file__).parent / "vendor" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def log_in(page, base_url, username, password, language="ky"):
    """Log in through the real login form, as a person would."""
    page.goto(f"{base_url}/{language}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()


def run_axe(page):
    """Run axe-core (WCAG 2.0/2.1 A and AA) on the page; return its violations."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    return page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {
                runOnly: {type: 'tag', values: tags},
                resultTypes: ['violations'],
            });
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 200),
                                          summary: n.failureSummary})),
            }));
        }""",
        AXE_TAGS,
    )


def describe_violations(results):
    """A readable report of {path: violations}. What fails on every scanned page (the shared
    layout: base.html, includes, portal.css) is told once, then what is particular to a page."""
    def key(violation, node):
        return violation["id"], node["target"]

    scanned = [path for path, violations in results.items() if violations is not None]
    per_page = {path: {key(v, n) for v in violations for n in v["nodes"]}
                for path, violations in results.items() if violations}
    everywhere = set.intersection(*per_page.values()) if len(per_page) == len(scanned) > 1 else set()
    sections = []
    if everywhere:
        first = next(iter(per_page))
        sections.append(_describe(f"On all {len(scanned)} scanned pages (the shared layout)",
                                  results[first], exclude=set(), only=everywhere))
    for path, violations in results.items():
        if violations:
            text = _describe(path, violations, exclude=everywhere)
            if text:
                sections.append(text)
    return "\n\n".join(sections)


def _describe(title, violations, exclude, only=None):
    lines = []
    for violation in violations:
        nodes = [n for n in violation["nodes"] if (violation["id"], n["target"]) not in exclude
                 and (only is None or (violation["id"], n["target"]) in only)]
        if not nodes:
            continue
        lines.append(f"  [{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})")
        for node in nodes:
            lines.append(f"      at {node['target']}  {node['html']}")
            summary = " ".join((node["summary"] or "").split())
            if summary:
                lines.append(f"         {summary[:400]}")
    return f"{title}:\n" + "\n".join(lines) if lines else ""


def section_links(page):
    """The header's section links (hearings, proposals, budget, projects, groups, about …),
    so that a new section is checked without touching the tests."""
    hrefs = page.locator("header nav.sections a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    return list(dict.fromkeys(href for href in hrefs if href and href.startswith("/")))


SKIP_IN_SCAN = ("/staff/", "/accounts/logout/", "/admin/", "/static/", "/media/")
NOT_HTML = (".pdf", ".csv", ".xlsx", ".png", ".jpg", ".jpeg", ".svg", ".atom", ".rss", ".xml", ".ics")


def links_in_main(page):
    """Same-site links inside <main>, without fragments, in page order."""
    hrefs = page.locator("main a[href]").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    result = []
    for href in hrefs:
        href = href.split("#", 1)[0]
        if href.startswith("/") and not href.startswith("//") and href not in result:
            result.append(href)
    return result


def is_html_page(href):
    path = href.split("?", 1)[0]
    return not path.lower().endswith(NOT_HTML)


def public_pages(page, base_url, fixed, detail_pages_per_section=2):
    """The fixed pages, each header section page, and the first page(s) found deeper inside each
    section (a hearing, a project, a group …): new sections and pages get scanned by themselves."""
    page.goto(f"{base_url}/ky/")
    sections = section_links(page)
    pages = list(dict.fromkeys([*fixed, *sections]))
    for section in sections:
        page.goto(base_url + section)
        deeper = [href for href in links_in_main(page)
                  if href.startswith(section) and href.split("?", 1)[0] != section
                  and is_html_page(href) and not any(part in href for part in SKIP_IN_SCAN)]
        # One object page (a hearing, a project, a budget year …) and one other sub-page.
        objects = [href for href in deeper if any(part.isdigit() for part in href.split("?")[0].split("/"))]
        others = [href for href in deeper if href not in objects]
        for href in (objects[:1] + others[:1])[:detail_pages_per_section]:
            if href not in pages:
                pages.append(href)
    return pages
