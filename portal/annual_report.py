"""The annual participation report: what citizens did with the aiyl okmotu in one year, set
against the year before, from the parts each app gives (core.contributions.ReportPart).
Published data only, every figure counted by the database.

One report definition, several outputs (DESIGN §7, after django-oscar's reports): the page
(portal.views_public), its PDF, and a section of the council pack (portal.packs) all call
`annual_report(year)`.
"""
from django.core.cache import cache
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from core.cache import versioned_key
from core.contributions import all_contributions

# Years a report can be asked for: from independence to next year (a typo or a probe, like
# /report/1800/, gets a 404, not an empty page).
FIRST_YEAR = 1991


def valid_year(year):
    return FIRST_YEAR <= year <= timezone.localdate().year + 1


# Rows of each long table on the report's web page (the PDF and the council pack print them all):
# the rest are counted in its totals and listed in the PDF.
ROWS_SHOWN = 12


def report_parts(year, contributions=None, shown=None):
    """[ReportPart] of every app (or of `contributions` only) for `year`, in their order; long
    tables hold their first `shown` rows (None: all)."""
    parts = [part for each in (all_contributions() if contributions is None else contributions)
             for part in each.report_parts(year, shown=shown)]
    return sorted(parts, key=lambda part: part.order)


def annual_report(year, shown=None):
    """Everything the report shows for `year` and the year before: each app's part (its figures
    and include; a long table's first `shown` rows, None: all) and the comparison of the two
    years, figure by figure. An app whose parts carry the year before's values
    (ReportPart.before) is asked once; any other a second time, for the year before, without
    rows."""
    this, before = year, year - 1
    parts_of = {}
    for contributions in all_contributions():
        parts_of[contributions] = report_parts(this, [contributions], shown)
    parts = sorted((part for each in parts_of.values() for part in each), key=lambda part: part.order)
    asked_again = [contributions for contributions, own in parts_of.items()
                   if any(part.before is None for part in own)]
    previous = {part.key: [value for _label, value, _kind in part.rows]
                for part in report_parts(before, asked_again, 0)} if asked_again else {}
    comparison = []
    for part in parts:
        earlier = part.before if part.before is not None else previous.get(part.key)
        for index, (label, value, kind) in enumerate(part.rows):
            comparison.append({"label": label, "this": value, "kind": kind,
                               "before": earlier[index] if earlier else None})
    return {
        "year": this,
        "previous_year": before,
        "parts": parts,
        "current": {part.key: part.context for part in parts},  # each app's figures of the year
        "comparison": comparison,
        "has_data": any(part.has_data for part in parts),
        # Where a table's rows left off the page are all listed: the PDF ("" in the PDF itself).
        "more_url": reverse("portal:annual_report_pdf", args=[this]) if shown is not None else "",
    }


def report_years():
    """Years that have something to report and a report page, newest first (for selects). A
    plan's deadlines may lie years ahead: those years have no report yet (valid_year). Kept
    until content changes: the year scans of every app cost ~80 ms at ten years of data, and
    /report/ asks them for a redirect. One query for the apps that give a queryset."""
    key = versioned_key("portal:report-years")
    years = cache.get(key)
    if years is None:
        years, querysets = set(), []
        for contributions in all_contributions():
            found = contributions.report_years()
            if isinstance(found, QuerySet):
                querysets.append(found)
            else:
                years |= found
        if querysets:  # every app's years in one query
            years.update(querysets[0].union(*querysets[1:]))
        years = sorted((int(year) for year in years if valid_year(year)), reverse=True)
        cache.set(key, years, 60 * 60)
    return years


def latest_report_year():
    """The last year with something to report (this year when there is none)."""
    years = report_years()
    return years[0] if years else timezone.localdate().year
