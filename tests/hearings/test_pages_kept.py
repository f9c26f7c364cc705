"""A hearing's page and the documents list are kept until what they show changes (core.changes):
an unrelated change costs the next citizen one small query, a new, renamed or removed document
is seen at once (hearing documents keep a history for this)."""
import pytest
from django.core.files.base import ContentFile

from hearings.models import HearingDocument
from tests.groups.factories import PersonFactory
from tests.hearings.factories import HearingFactory, ProposalFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def hearing(municipality):
    hearing = HearingFactory(topic="Суу түтүгү боюнча угуу")
    ProposalFactory(hearing=hearing, text="Көпүрө салуу керек", status="accepted", response="Ооба, 2027-жылы")
    return hearing


def add_document(hearing, title):
    return HearingDocument.objects.create(hearing=hearing, title=title, title_ky=title,
                                          file=ContentFile(PDF, name="notice.pdf"))


@pytest.mark.parametrize("path", ["/en/hearings/{pk}/", "/en/hearings/documents/"])
def test_the_page_survives_an_unrelated_change_in_one_query(client, hearing, path, django_assert_max_num_queries):
    add_document(hearing, "Бюджеттин долбоору")
    url = path.format(pk=hearing.pk)
    first = client.get(url)
    assert "Бюджеттин долбоору" in first.content.decode()
    PersonFactory()  # a change elsewhere (a person in a group register): the whole-page cache is emptied
    with django_assert_max_num_queries(1):
        again = client.get(url)
    assert again.status_code == 200 and again.content == first.content


@pytest.mark.parametrize("path", ["/en/hearings/{pk}/", "/en/hearings/documents/"])
def test_a_document_added_renamed_or_removed_is_seen_at_once(client, hearing, path):
    url = path.format(pk=hearing.pk)
    assert "Түшүндүрмө кат" not in client.get(url).content.decode()
    document = add_document(hearing, "Түшүндүрмө кат")
    assert "Түшүндүрмө кат" in client.get(url).content.decode()
    document.title = document.title_ky = "Түшүндүрмө катка өңдөө"
    document.save()
    assert "Түшүндүрмө катка өңдөө" in client.get(url).content.decode()
    document.delete()
    assert "Түшүндүрмө кат" not in client.get(url).content.decode()


def test_a_decision_on_a_proposal_is_seen_at_once_on_the_hearing_page(client, hearing):
    proposal = hearing.proposals.get()
    assert "Ооба, 2027-жылы" in client.get(f"/en/hearings/{hearing.pk}/").content.decode()
    proposal.response = proposal.response_ky = "Жок, акча жетпейт"
    proposal.status = "rejected"
    proposal.save()
    page = client.get(f"/en/hearings/{hearing.pk}/").content.decode()
    assert "Жок, акча жетпейт" in page and "Ооба, 2027-жылы" not in page


def test_past_hearings_come_twenty_a_page_with_their_proposals_counted(client, municipality,
                                                                       django_assert_max_num_queries):
    from tests.hearings.factories import moment

    hearings = [HearingFactory(topic=f"Өткөн угуу {number:02d}", starts_at=moment(-10 - number)) for number in range(21)]
    for hearing in hearings[:3]:
        ProposalFactory.create_batch(2, hearing=hearing)
    ProposalFactory(hearing=hearings[20])
    client.get("/en/")
    with django_assert_max_num_queries(7):
        first = client.get("/en/hearings/").content.decode()
    assert all(f"Өткөн угуу {number:02d}" in first for number in range(20))
    assert "Өткөн угуу 20" not in first and first.count("2 proposals received") == 3
    second = client.get("/en/hearings/?page=2").content.decode()
    assert "Өткөн угуу 20" in second and "1 proposal received" in second and "Өткөн угуу 00" not in second


def test_the_proposals_year_filter_offers_the_years_that_had_proposals(client, municipality):
    import datetime

    from django.utils import timezone

    for year in (2019, 2022):
        when = timezone.make_aware(datetime.datetime(year, 5, 1, 10))
        ProposalFactory(hearing=HearingFactory(starts_at=when))
    HearingFactory(starts_at=timezone.make_aware(datetime.datetime(2020, 5, 1, 10)))  # no proposals
    page = client.get("/en/hearings/proposals/").content.decode()
    assert '<option value="2022">' in page and '<option value="2019">' in page
    assert '<option value="2020">' not in page
    assert page.index('<option value="2022">') < page.index('<option value="2019">')


def test_a_programme_shows_its_proposals_twenty_five_a_page(client, municipality, django_assert_max_num_queries):
    from tests.hearings.factories import ProgrammeFactory

    programme = ProgrammeFactory(title="Өнүгүү программасы")
    hearing = HearingFactory()
    for number in range(26):
        ProposalFactory(hearing=hearing, programme=programme, text=f"Программадагы сунуш {number:02d}",
                        status="accepted", response="Ооба")
    client.get("/en/")
    with django_assert_max_num_queries(7):
        first = client.get(programme.get_absolute_url()).content.decode()
    assert all(f"Программадагы сунуш {number:02d}" in first for number in range(25))
    assert "Программадагы сунуш 25" not in first and "Page 1 of 2" in first
    second = client.get(programme.get_absolute_url() + "?page=2").content.decode()
    assert "Программадагы сунуш 25" in second and "Программадагы сунуш 00" not in second


def test_the_home_page_shows_the_four_latest_answers_newest_first_undated_ones_last(client, municipality,
                                                                                     django_assert_max_num_queries):
    import datetime

    def answered(text, day):
        return ProposalFactory(text=text, status="accepted", response="Ооба",
                               decided_on=datetime.date(2025, 3, day) if day else None)

    answered("Эң эски жооп", 1)
    answered("Күнү жок жооп", None)
    answered("Үчүнчү жооп", 5)
    answered("Эң жаңы жооп", 20)
    answered("Экинчи жооп", 10)
    ProposalFactory(text="Жоопсуз сунуш", status="received")
    page = client.get("/en/").content.decode()
    shown = [text for text in ("Эң жаңы жооп", "Экинчи жооп", "Үчүнчү жооп", "Эң эски жооп", "Күнү жок жооп")
             if text in page]
    assert shown == ["Эң жаңы жооп", "Экинчи жооп", "Үчүнчү жооп", "Эң эски жооп"]
    assert page.index("Эң жаңы жооп") < page.index("Экинчи жооп") < page.index("Үчүнчү жооп") < page.index("Эң эски жооп")
    assert "Жоопсуз сунуш" not in page


def test_an_undated_answer_still_shows_when_there_are_few(client, municipality):
    import datetime

    ProposalFactory(text="Датасы бар жооп", status="accepted", response="Ооба", decided_on=datetime.date(2025, 3, 1))
    ProposalFactory(text="Күнү жок жооп", status="answered", response="Түшүндүрдүк", decided_on=None)
    page = client.get("/en/").content.decode()
    assert page.index("Датасы бар жооп") < page.index("Күнү жок жооп")
