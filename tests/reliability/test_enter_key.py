"""Enter in a field of a staff form saves it. A browser submits the form with its first submit
button in tree order (HTML's implicit submission); in a form with a chooser (core.choosers) or
the proposal table's group search, that was the search's "Search" button, so Enter in the title
ran a search step and saved nothing. Each such form now starts with a hidden default button
(templates/includes/default_submit.html) that does what its main button does.

The pages are read as a browser reads them (tests/reliability/forms.py): their first submit
button, and what Enter in a field posts: the form's fields as shown, plus that button's name and
value. tests/e2e/test_enter_key.py presses the key in Chromium."""
import re

import pytest
from django.urls import get_resolver, reverse

from core.choosers import ChooserFormMixin
from groups.models import GroupActivity, Membership
from hearings.models import DevelopmentProgramme, Proposal
from portal.models import CouncilPack
from tests.groups.factories import GroupFactory, PersonFactory
from tests.hearings.factories import HearingFactory, ProposalFactory
from tests.planning.factories import ActionFactory, PlanFactory
from tests.portal import council_helpers as make
from tests.reliability.forms import default_button, implicit_submission, main_form

pytestmark = pytest.mark.django_db

# Every form with a chooser (or the entry table's group search), by the page it is on.
PAGES = {
    "PlanForm": lambda: reverse("planning:staff_plan_edit", args=[PlanFactory().pk]),
    "ActionForm": lambda: reverse("planning:staff_action_edit", args=[ActionFactory().pk]),
    "ProjectForm": lambda: reverse("projects:create"),
    "ProposalEntryForm": lambda: reverse("hearings:staff_proposals_add", args=[HearingFactory().pk]),
    "DecisionForm": lambda: reverse("hearings:staff_decide", args=[ProposalFactory().pk]),
    "ProgrammeForm": lambda: reverse("hearings:staff_programme_create"),
    "AddMemberForm": lambda: reverse("groups:staff_add_member", args=[GroupFactory().pk]),
    "ActivityForm": lambda: reverse("groups:staff_add_activity", args=[GroupFactory().pk]),
    "CouncilPackForm": lambda: reverse("portal:council_pack_create", args=[make.session().pk]),
}


def subclasses(cls):
    for subclass in cls.__subclasses__():
        yield subclass
        yield from subclasses(subclass)


def page_form(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return main_form(response.content.decode())


def is_hidden_default(button):
    return (button is not None and button["tag"] == "button" and button.get("class") == "visually-hidden"
            and button.get("tabindex") == "-1" and button.get("aria-hidden") == "true")


def primary(form):
    return next(button for button in form["submitters"] if "btn-primary" in button.get("class", "").split())


def test_every_form_with_a_chooser_is_checked_here():
    get_resolver().url_patterns  # every view imported, and so every form
    # Not the row forms a formset factory derives from one of them (their module is Django's).
    forms = {cls.__name__ for cls in subclasses(ChooserFormMixin) if not cls.__module__.startswith("django.")}
    assert forms <= set(PAGES)


@pytest.mark.parametrize("name", PAGES)
def test_the_first_submit_button_is_a_hidden_one_that_does_what_the_main_button_does(staff_client, name):
    form = page_form(staff_client, PAGES[name]())
    button = default_button(form)
    assert is_hidden_default(button), button
    main = primary(form)
    assert (button.get("name"), button.get("value")) == (main.get("name"), main.get("value"))
    # The search steps are still there, after it: without JavaScript they are clicked.
    searches = [other for other in form["submitters"] if other.get("name") == "_search"]
    assert searches and all("formnovalidate" in other for other in searches)
    assert form["submitters"].index(searches[0]) > 0



@pytest.mark.parametrize("name", PAGES)
def test_each_script_of_a_chooser_page_is_loaded_once(staff_client, name):
    """The page renders the form's media in its head; crispy must not render them again."""
    html = staff_client.get(PAGES[name]()).content.decode()
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', html)
    assert any("chooser" in src for src in scripts), scripts
    assert len(scripts) == len(set(scripts)), scripts

def test_enter_in_the_actions_text_saves_the_action(staff_client):
    action = ActionFactory()
    url = reverse("planning:staff_action_edit", args=[action.pk])
    form = page_form(staff_client, url)
    response = staff_client.post(url, implicit_submission(form, what_ky="Көпүрө салынат"))
    assert response.status_code == 302 and response["Location"] == action.get_absolute_url()
    action.refresh_from_db()
    assert action.what_ky == "Көпүрө салынат"


def test_enter_in_the_programmes_title_saves_the_programme(staff_client):
    url = reverse("hearings:staff_programme_create")
    form = page_form(staff_client, url)
    response = staff_client.post(url, implicit_submission(form, title_ky="Өнүгүү программасы 2027–2031",
                                                          first_year="2027", last_year="2031"))
    assert response.status_code == 302 and response["Location"] == reverse("hearings:staff_programmes")
    assert DevelopmentProgramme.objects.get().title_ky == "Өнүгүү программасы 2027–2031"


def test_enter_in_a_row_of_the_proposal_table_saves_the_rows(staff_client):
    hearing = HearingFactory()
    group = GroupFactory(name="Айры-Тамдын жаштары", villages=[hearing.village])
    url = reverse("hearings:staff_proposals_add", args=[hearing.pk])
    form = page_form(staff_client, url)
    assert form["fields"]["form-0-village"] == str(hearing.village_id)
    data = implicit_submission(form, **{"form-0-source": "group", "form-0-group": str(group.pk),
                                        "form-0-topic": "water", "form-0-text": "Суу түтүгүн алмаштыруу керек",
                                        "group__q": "жаш"})  # something left in the search box is no search
    response = staff_client.post(url, data)
    assert response.status_code == 302
    assert response["Location"] == reverse("hearings:staff_hearing", args=[hearing.pk])
    proposal = Proposal.objects.get()
    assert (proposal.text, proposal.group, proposal.village) == ("Суу түтүгүн алмаштыруу керек", group,
                                                                 hearing.village)


def test_enter_in_the_packs_title_saves_the_pack(staff_client):
    session = make.session()
    url = reverse("portal:council_pack_create", args=[session.pk])
    form = page_form(staff_client, url)
    response = staff_client.post(url, implicit_submission(form, title="Февраль сессиясы",
                                                          include_group_register="on"))
    pack = CouncilPack.objects.get(session=session)
    assert response.status_code == 302 and response["Location"] == pack.get_absolute_url()
    assert pack.title == "Февраль сессиясы"


def test_enter_in_the_activitys_title_saves_the_activity(staff_client):
    group = GroupFactory()
    url = reverse("groups:staff_add_activity", args=[group.pk])
    form = page_form(staff_client, url)
    response = staff_client.post(url, implicit_submission(form, title_ky="Арык тазалоо", kind="survey"))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert GroupActivity.objects.get(group=group).title_ky == "Арык тазалоо"


def test_enter_under_the_duplicate_warning_does_not_add_the_offered_person(staff_client):
    """The warning offers "Add <the recorded person> instead" buttons, before Save: Enter in a field
    must not pick one of them."""
    group = GroupFactory()
    PersonFactory(full_name="Айгүл Асанова", birth_year=1985)
    url = reverse("groups:staff_add_member", args=[group.pk])
    response = staff_client.post(url, {"full_name": "Айгүл Асанова", "gender": "female", "birth_year": "1985",
                                       "role": "member", "joined_on": "2021-03-01"})
    form = main_form(response.content.decode())
    assert any(button.get("name") == "use_person" for button in form["submitters"])
    assert is_hidden_default(default_button(form))

    response = staff_client.post(url, implicit_submission(form, phone="0700 123456"))
    assert response.status_code == 200 and not Membership.objects.exists()
    assert 'name="use_person"' in response.content.decode()  # the warning again, nothing added
    # Ticked "create anyway", Enter saves the new person.
    response = staff_client.post(url, implicit_submission(form, phone="0700 123456", create_anyway="on"))
    assert response.status_code == 302
    assert Membership.objects.get(group=group).person.phone == "0700 123456"
