"""The one contract between the domain apps and the site that gathers them (DESIGN §2).

Each domain app declares what it gives the site in one module of its own,
`<app>/contributions.py`, holding one subclass of `Contributions`, and hands an instance of it
to the app registry in its `AppConfig.ready()`:

    class GroupsConfig(AppConfig):
        def ready(self):
            from groups.contributions import GroupsContributions
            self.contributions = GroupsContributions()

`portal/` reads them with `core.contributions.all_contributions()` (the app registry, in
INSTALLED_APPS order); it never imports an app's models, views or selectors directly. Adding an
app is its one module plus one line in INSTALLED_APPS: nothing in `portal/` changes.

Every method returns only what the given user may see (drafts only for people who may see
them, see `core.roles.can_see_drafts`); the defaults give nothing, so an app declares only what
it has. Labels are translated strings (gettext), counts go through ngettext.
"""
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Optional

from django.apps import apps


@dataclass
class Figure:
    """One figure on the home page ("8 initiative groups"). `value` is a number (people,
    households, som: say which in `label`) or a short text; `label` is already translated and
    agrees with the number (ngettext)."""

    value: Any
    label: str
    url: str = ""


@dataclass
class HomeCard:
    """An app's card on the home page: a title, its figures, a link to its public pages."""

    key: str
    title: str
    url: str
    figures: list = field(default_factory=list)  # [Figure]
    order: int = 100
    text: str = ""  # one sentence under the figures


@dataclass
class HomePanel:
    """A block of the home page drawn by the app's own include (the next hearing, the latest
    answers): `context` is plain data (it is cached), `place` is "top" (above the cards) or
    "bottom" (below them)."""

    key: str
    template: str
    context: dict
    place: str = "bottom"
    order: int = 100


@dataclass
class SearchKind:
    """One kind of published object that search finds. `queryset()` holds published rows
    only; `fields` are the model fields (ORM paths) matched against the words."""

    key: str
    label: str
    fields: tuple
    queryset: Callable[[], Any]
    title: Callable[[Any], str] = str
    text: Callable[[Any], str] = lambda obj: ""
    url: Callable[[Any], str] = lambda obj: obj.get_absolute_url()


class SitePath(str):
    """A cell that is an address on this site ("/ky/projects/3/"): the CSV writer makes it
    absolute for the request it answers."""


@dataclass
class Dataset:
    """One open-data file. The same `rows()` serves the app's own download and the site's
    ZIP, so the two never drift. `columns` are (column header as in the file, what it holds);
    `rows()` yields lists in column order, published data only, in a constant number of
    queries. A file the site only links to (XLSX, Atom, iCalendar) has no `rows`."""

    key: str
    title: str
    description: str
    columns: list
    rows: Optional[Callable[[], Iterable[list]]] = None
    url_name: str = ""  # the app's own download of this file, if it has one
    filename: str = ""  # in the ZIP; default f"{key}.csv"
    in_zip: bool = True
    format: str = "CSV"  # "CSV", "XLSX", "Atom", "iCalendar"
    url_args: tuple = ()

    def __post_init__(self):
        self.filename = self.filename or f"{self.key}.csv"
        self.in_zip = self.in_zip and self.rows is not None

    @property
    def url(self):
        from django.urls import reverse

        return reverse(self.url_name, args=self.url_args) if self.url_name else ""

    @property
    def headers(self):
        return [str(column) for column, _meaning in self.columns]


# The open-data files' dialect (core.exports.MACHINE), as datapackage.json describes it.
CSV_ENCODING = "utf-8"
CSV_DELIMITER = ","


def _absolute_rows(dataset, absolute):
    for row in dataset.rows():
        yield [absolute(cell) if isinstance(cell, SitePath) else cell for cell in row]


def csv_chunks(dataset, absolute=str, dialect=None):
    """The CSV text of `dataset` in the dialect of core.exports (MACHINE unless given: UTF-8,
    comma, dot decimals, ISO dates, formula-looking cells neutralised), header first, about 500
    rows a chunk (for a streamed response or a ZIP member). `absolute(path)` turns SitePath
    cells into full addresses (request.build_absolute_uri)."""
    from core import exports

    return exports.csv_chunks(dataset.headers, _absolute_rows(dataset, absolute), dialect or exports.MACHINE)


def csv_response(dataset, request):
    """The app's own download of one dataset: the same text as the ZIP's member, or with
    `?dialect=excel` the Excel-friendly variant for staff (BOM, ";", decimal comma). Whole, not
    streamed, so that the ETag middleware can answer a repeated download with 304."""
    from django.http import HttpResponse

    from core import exports

    dialect = exports.dialect_of(request)
    response = HttpResponse("".join(csv_chunks(dataset, request.build_absolute_uri, dialect)).encode("utf-8"),
                            content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{exports.filename_for(dataset.filename, dialect)}"'
    return response


def dataset_response(dataset, request, file_format="csv"):
    """An app's own download of `dataset`: `file_format` "xlsx" or "csv" (see csv_response)."""
    return (xlsx_response if file_format == "xlsx" else csv_response)(dataset, request)


def xlsx_response(dataset, request):
    """The same table as one worksheet (core.exports.xlsx_bytes): text cells never formulas."""
    from core import exports

    name = dataset.filename.rsplit(".", 1)[0]
    return exports.xlsx_response(f"{name}.xlsx", dataset.headers,
                                 _absolute_rows(dataset, request.build_absolute_uri), title=name)


@dataclass
class PackSection:
    """One section of a council session pack: a PDF body include and its context.
    `context` may be a function, called only when the PDF is rendered. `sources` are
    (historical manager, filter) pairs whose last change marks this section's data (the stored
    pack is rendered again only when one of them changed)."""

    kind: str
    title: str
    template: str
    context: Any
    is_draft: bool = False
    sources: list = field(default_factory=list)
    anchor: str = ""
    html: str = ""


@dataclass
class PackChoice:
    """What a deputy can pick for a council pack from one app: a field of the pack form
    (named `key`). `queryset(user)` is what `user` may pick (visible_to); `None` makes the choice
    a tick box with no objects (the group register). `sections(objects, viewer)` turns the
    picked objects, already cut to what `viewer` may see, into sections in order; `viewer` is
    the deputy when the pack includes drafts, an anonymous citizen otherwise. `order` places
    the sections in the pack; `item_label(obj)` names an object in the form; `search_fields`
    (lookups such as "topic") make the form offer a search (core.choosers) instead of a tick
    box per object (or a select of them all, for a single choice)."""

    key: str
    label: str
    queryset: Optional[Callable[[Any], Any]]
    sections: Callable[[Iterable, Any], list]
    multiple: bool = True
    order: int = 100
    item_label: Callable[[Any], str] = str
    search_fields: tuple = ()


@dataclass
class WorkItem:
    """Something waiting for staff on the work list: "12 proposals waiting for a decision"."""

    title: str
    url: str
    count: Any = None
    order: int = 100


@dataclass
class ReportPart:
    """An app's part of the annual participation report of a year: rows of (label, value,
    kind) where kind is "num", "percent" or "som", and an optional include for its body."""

    key: str
    title: str
    rows: list = field(default_factory=list)
    template: str = ""
    context: dict = field(default_factory=dict)
    order: int = 100
    has_data: bool = False  # anything at all to report in the year
    # The values of `rows` in the year before, in the same order, when the app counted both years
    # at once (one query per figure set, not two); None: the report asks report_parts(year - 1).
    before: Optional[list] = None


class Contributions:
    """What one app gives the site. Override what the app has; the rest gives nothing."""

    def home_cards(self, user) -> list:
        """[HomeCard]: the app's card(s) on the home page, published data only."""
        return []

    def home_panels(self) -> list:
        """[HomePanel]: blocks of the home page, published data only."""
        return []

    def home(self, user) -> tuple:
        """([HomeCard], [HomePanel]): what the home page shows of the app, as home_cards(user) and
        home_panels() give it. An app whose card and panels read the same rows overrides this to
        read them once."""
        return self.home_cards(user), self.home_panels()

    def search_kinds(self) -> list:
        """[SearchKind]"""
        return []

    def datasets(self) -> list:
        """[Dataset]: open-data files, published data only."""
        return []

    def pack_choices(self) -> list:
        """[PackChoice]"""
        return []

    def work_items(self, user) -> list:
        """[WorkItem] for staff (empty for anyone else)."""
        return []

    def report_parts(self, year, shown=None) -> list:
        """[ReportPart] of the annual participation report of `year`. A long list of rows (the
        hearings held, the projects finished) holds its first `shown` rows only (None: all, for
        the PDF), read so from the database; figures and totals always count every row."""
        return []

    def report_sources(self) -> list:
        """The historical managers (simple-history) behind the app's report figures: a stored
        council pack with the report is printed again when one of them changed."""
        return []

    def report_years(self):
        """Years in which the app has something for the annual report: a set of ints, or a
        queryset of them (`values_list(..., flat=True)`, unordered), which the portal reads in one
        UNION with the other apps' querysets."""
        return set()

    # The app's modules for the demo and the benchmark, if it has them (plain imports in the
    # app's contributions.py): `demo.load(command)`; `bench.seed(bench)`, `bench.exists()`,
    # `bench.delete()` (see core.bench).
    demo = None
    bench = None

    def load_demo(self, command) -> None:
        """Add the app's part of the demo of 1-Mai aiyl aimak (idempotent); `command` is the
        running management command (for `command.stdout`)."""
        if self.demo is not None:
            self.demo.load(command)

    def seed_bench(self, scale, command) -> None:
        """Add the app's share of the benchmark data at `scale` (N=1, N=10), drawing from
        `command.bench` (core.bench.Bench: the shared random source, amounts and villages) and
        marking every row (core.bench.PREFIX) so that `delete_bench` finds it again."""
        if self.bench is not None:
            self.bench.seed(command.bench)

    def has_bench(self) -> bool:
        """Whether the app's bench rows are there."""
        return self.bench is not None and self.bench.exists()

    def delete_bench(self) -> None:
        """Delete the app's bench rows (plain SQL deletes: bench rows have no history), first
        letting go of anything outside the bench that points at them."""
        if self.bench is not None:
            self.bench.delete()

    # Order in which load_demo calls the apps: an app whose demo links another app's rows
    # comes after it (budget links the hearings' proposals to its lines).
    order = 100
    # Order in which seed_bench calls the apps (delete_bench: the reverse), when it differs:
    # an app whose bench rows point at another's comes after it (hearings' proposals point at
    # budget lines and projects).
    bench_order = None


def bench_ordered(contributions):
    """The contributions in the order seed_bench calls them."""
    return sorted(contributions, key=lambda item: item.order if item.bench_order is None else item.bench_order)


def all_contributions():
    """The Contributions of every installed app that declares them, in INSTALLED_APPS order."""
    return [config.contributions for config in apps.get_app_configs()
            if isinstance(getattr(config, "contributions", None), Contributions)]
