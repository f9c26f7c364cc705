"""What AO staff can do on the hearings' staff pages, and what bad input they are told."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hearings.models import Hearing, HearingDocument, Proposal, ProposalStatusChange
from tests.factories import VillageFactory
from tests.hearings.factories import HearingFactory, InitiativeGroupFactory, ProposalFactory, moment

pytestmark = pytest.mark.django_db


def hearing_data(**overrides):
    village = VillageFactory(name="Айры-Там")
    data = {
        "kind": "budget_draft", "topic_ky": "2027-жылдын бюджети", "starts_at": moment(10).strftime("%Y-%m-%dT%H:%M"),
        "village": village.pk, "place_ky": "Маданият үйү", "announced_on": "", "agenda_ky": "1. Бюджет",
        "budget_year": "", "programme": "", "state": "announced", "document_title": "",
    }
    data.update(overrides)
    return data


def attendance_data(hearing, **overrides):
    data = {"version": hearing.version, "state": "held", "participants_total": 100, "participants_women": 40,
            "participants_men": 60, "participants_from_groups": 20, "participants_youth": 10,
            "chair": "Төрага", "secretary": "Катчы", "minutes_ky": "Протокол"}
    data.update(overrides)
    return data


@pytest.mark.parametrize("role,expected", [("anonymous", 302), ("no_role", 403), ("deputy", 403), ("staff", 200)])
def test_only_staff_open_the_announcement_form(role_clients, role, expected):
    assert role_clients[role].get(reverse("hearings:staff_create")).status_code == expected


def test_staff_announce_a_hearing_with_a_document_as_a_draft(staff_client):
    upload = SimpleUploadedFile("agenda.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    response = staff_client.post(reverse("hearings:staff_create"),
                                 hearing_data(document_title="Күн тартиби", document=upload))
    assert response.status_code == 302
    hearing = Hearing.objects.get(topic_ky="2027-жылдын бюджети")
    assert hearing.status == "draft" and hearing.state == "announced"
    assert HearingDocument.objects.get(hearing=hearing).title == "Күн тартиби"


def test_a_document_of_an_unknown_type_is_refused(staff_client):
    upload = SimpleUploadedFile("virus.exe", b"MZ", content_type="application/octet-stream")
    response = staff_client.post(reverse("hearings:staff_create"),
                                 hearing_data(document_title="Файл", document=upload))
    assert response.status_code == 200
    assert not Hearing.objects.exists()
    assert "exe" in response.content.decode()


def test_a_hearing_cannot_be_announced_as_held_in_the_future(staff_client):
    response = staff_client.post(reverse("hearings:staff_create"), hearing_data(state="held"))
    assert "A hearing cannot be marked as held before its date." in response.content.decode()
    assert not Hearing.objects.exists()


def test_staff_edit_a_hearing_and_a_stale_second_edit_is_refused(staff_client):
    hearing = HearingFactory(state="announced", starts_at=moment(5))
    url = reverse("hearings:staff_edit", args=[hearing.pk])
    data = hearing_data(topic_ky="Жаңы тема", version=hearing.version)
    assert staff_client.post(url, data).status_code == 302
    hearing.refresh_from_db()
    assert hearing.topic == "Жаңы тема"
    stale = staff_client.post(url, {**data, "topic_ky": "Эски форма"})  # still carries the old version
    assert stale.status_code == 200
    assert "Someone else saved this" in stale.content.decode()
    hearing.refresh_from_db()
    assert hearing.topic == "Жаңы тема"


@pytest.mark.parametrize("overrides,message", [
    ({"participants_men": 50}, "Women and men together must equal the number of participants."),
    ({"participants_from_groups": 101}, "This cannot be more than the number of participants."),
    ({"participants_youth": 150}, "This cannot be more than the number of participants."),
])
def test_attendance_figures_that_do_not_add_up_are_refused(staff_client, overrides, message):
    hearing = HearingFactory(state="announced")
    response = staff_client.post(reverse("hearings:staff_attendance", args=[hearing.pk]),
                                 attendance_data(hearing, **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    hearing.refresh_from_db()
    assert hearing.participants_total is None and hearing.state == "announced"


def test_a_future_hearing_cannot_be_recorded_as_held(staff_client):
    hearing = HearingFactory(state="announced", starts_at=moment(3))
    response = staff_client.post(reverse("hearings:staff_attendance", args=[hearing.pk]), attendance_data(hearing))
    assert "A hearing cannot be marked as held before its date." in response.content.decode()
    hearing.refresh_from_db()
    assert hearing.state == "announced"


def test_staff_record_attendance_minutes_chair_and_secretary(staff_client):
    hearing = HearingFactory(state="announced")
    response = staff_client.post(reverse("hearings:staff_attendance", args=[hearing.pk]), attendance_data(hearing))
    assert response.status_code == 302
    hearing.refresh_from_db()
    assert (hearing.state, hearing.participants_total, hearing.participants_women, hearing.chair) == (
        "held", 100, 40, "Төрага")


def formset_data(rows, extra=10, village=None):
    """The POST of the fast-entry table: empty rows keep the hearing's village, as the page shows it."""
    data = {"form-TOTAL_FORMS": str(extra), "form-INITIAL_FORMS": "0", "form-MIN_NUM_FORMS": "0",
            "form-MAX_NUM_FORMS": "1000"}
    for index in range(extra):
        row = rows[index] if index < len(rows) else {}
        for key in ("source", "group", "topic", "village", "text", "author_name", "estimated_cost"):
            default = {"source": "citizen", "topic": "other", "village": village or ""}.get(key, "")
            data[f"form-{index}-{key}"] = row.get(key, default)
        if row.get("is_question"):
            data[f"form-{index}-is_question"] = "on"
    return data


def test_staff_enter_many_proposals_at_once_and_each_starts_its_trail(staff_client, staff):
    hearing = HearingFactory()
    group = InitiativeGroupFactory(name="Таза суу")
    rows = [
        {"source": "group", "group": group.pk, "topic": "water", "text": "Суу түтүгү", "estimated_cost": "250000"},
        {"source": "citizen", "topic": "roads", "text": "Жол", "author_name": "Асан Үсөнов"},
        {"source": "deputy", "topic": "kindergarten", "text": "Бала бакча кезеги?", "is_question": True},
    ]
    response = staff_client.post(reverse("hearings:staff_proposals_add", args=[hearing.pk]), formset_data(rows, village=hearing.village_id))
    assert response.status_code == 302
    proposals = Proposal.objects.filter(hearing=hearing).order_by("pk")
    assert [p.text for p in proposals] == ["Суу түтүгү", "Жол", "Бала бакча кезеги?"]
    assert proposals[0].group == group and proposals[2].is_question
    assert ProposalStatusChange.objects.filter(proposal__hearing=hearing, to_status="received",
                                               changed_by=staff).count() == 3


def test_one_bad_row_saves_no_proposal_at_all(staff_client):
    hearing = HearingFactory()
    rows = [
        {"source": "citizen", "topic": "water", "text": "Жакшы сунуш"},
        {"source": "group", "topic": "water", "text": "Топ көрсөтүлгөн жок"},  # the group is missing
        {"source": "citizen", "topic": "roads", "text": "Дагы бир жакшы сунуш"},
    ]
    response = staff_client.post(reverse("hearings:staff_proposals_add", args=[hearing.pk]), formset_data(rows, village=hearing.village_id))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Say which initiative group made the proposal." in html
    assert "Nothing was saved" in html
    assert not Proposal.objects.exists()
    assert not ProposalStatusChange.objects.exists()


def test_a_non_numeric_cost_in_one_row_saves_none(staff_client):
    hearing = HearingFactory()
    rows = [{"text": "Биринчи"}, {"text": "Экинчи", "estimated_cost": "көп"}]
    response = staff_client.post(reverse("hearings:staff_proposals_add", args=[hearing.pk]), formset_data(rows, village=hearing.village_id))
    assert response.status_code == 200
    assert not Proposal.objects.exists()


def test_the_work_list_shows_waiting_proposals_across_hearings(staff_client):
    first, second = HearingFactory(), HearingFactory()
    ProposalFactory(hearing=first, text="Күтүп жаткан биринчи")
    ProposalFactory(hearing=second, text="Каралып жаткан экинчи", status="under_review")
    ProposalFactory(hearing=second, text="Чечилген сунуш", status="accepted", response="Ооба")
    html = staff_client.get(reverse("hearings:staff_waiting")).content.decode()
    assert "Күтүп жаткан биринчи" in html and "Каралып жаткан экинчи" in html
    assert "Чечилген сунуш" not in html


def test_the_portal_work_list_counts_what_waits(staff_client):
    ProposalFactory()
    HearingFactory(status="draft")
    HearingFactory(minutes="")
    html = staff_client.get("/en/staff/").content.decode()
    assert "Proposals waiting for a decision" in html
    assert "Held hearings without minutes" in html
    assert "Draft hearings" in html


def test_staff_create_a_programme_with_its_resolution(staff_client):
    from tests.factories import CouncilResolutionFactory

    resolution = CouncilResolutionFactory(number="1/5")
    response = staff_client.post(reverse("hearings:staff_programme_create"), {
        "title_ky": "ПСЭР 2022–2026", "first_year": 2022, "last_year": 2026, "resolution": resolution.pk, "summary_ky": ""})
    assert response.status_code == 302
    from hearings.models import DevelopmentProgramme

    programme = DevelopmentProgramme.objects.get(title_ky="ПСЭР 2022–2026")
    assert programme.resolution == resolution and programme.status == "draft"


def test_a_programme_cannot_end_before_it_starts(staff_client):
    response = staff_client.post(reverse("hearings:staff_programme_create"), {
        "title_ky": "Ката", "first_year": 2026, "last_year": 2022, "resolution": "", "summary_ky": ""})
    assert "The last year cannot come before the first year." in response.content.decode()


def test_staff_publish_a_hearing_with_the_shared_form(staff_client, client):
    hearing = HearingFactory(status="draft", published_at=None)
    assert client.get(hearing.get_absolute_url()).status_code == 404
    staff_client.post(reverse("portal:publish", kwargs={"model": "hearings.Hearing", "pk": hearing.pk}),
                      {"action": "publish"})
    assert client.get(hearing.get_absolute_url()).status_code == 200
