"""The law protects personal data: phones, birth years and the names of people who did not
agree to publication never reach a public page, PDF or export. Staff see them."""
import io

import pytest
from pypdf import PdfReader

from .factories import ActivityFactory, GroupFactory, MembershipFactory

CONSENTING = "Айгүл Ачыкова"
SECRET_NAME = "Бакыт Жашыруунов"
SECRETS = [SECRET_NAME, "0700 111999", "0700 222888", "1977", "1983"]


def pdf_text(content):
    """The PDF's text with line breaks folded, so that a name wrapped in a cell still reads whole."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages).split())


@pytest.fixture
def group(db):
    group = GroupFactory(name="Ачык бюджет", purpose="Бюджетти талкуулоо")
    MembershipFactory(group=group, role="leader", person__full_name=CONSENTING, person__phone="0700 111999",
                      person__birth_year=1983, person__gender="female", person__consents_to_publish_name=True)
    MembershipFactory(group=group, person__full_name=SECRET_NAME, person__phone="0700 222888",
                      person__birth_year=1977, person__is_deputy=True)
    ActivityFactory(group=group, title="Бюджет боюнча угууга катышуу")
    return group


def assert_private(text, where):
    leaked = [secret for secret in SECRETS if secret in text]
    assert not leaked, f"{leaked} shown in {where}"


@pytest.mark.django_db
class TestPublicOutputs:
    def test_group_page_names_only_consenting_people(self, client, group):
        page = client.get(f"/en/groups/{group.pk}/").content.decode()
        assert CONSENTING in page and "and 1 more member, whose name is not published." in page
        assert_private(page, "the group page")

    def test_list_figures_and_home_page_show_no_personal_data(self, client, group):
        for url in ("/en/groups/", "/en/groups/figures/", "/en/", "/ky/groups/", "/ru/groups/figures/"):
            response = client.get(url)
            assert response.status_code == 200
            assert_private(response.content.decode(), url)
            assert CONSENTING not in response.content.decode()

    def test_csv_has_no_personal_data(self, client, group):
        content = client.get("/en/groups/initiative-groups.csv").content.decode()
        assert "Ачык бюджет" in content
        assert_private(content, "the CSV")
        assert CONSENTING not in content

    def test_card_pdf_for_citizens_names_only_consenting_people(self, client, group):
        text = pdf_text(client.get(f"/en/groups/{group.pk}/card.pdf").content)
        assert "Ачык бюджет" in text and "Бюджетти талкуулоо" in text and CONSENTING in text
        assert "Бюджет боюнча угууга катышуу" in text
        assert_private(text, "the public card PDF")

    def test_card_pdf_for_deputies_names_everybody_but_shows_no_phones(self, deputy_client, group):
        text = pdf_text(deputy_client.get(f"/en/groups/{group.pk}/card.pdf").content)
        assert CONSENTING in text and SECRET_NAME in text
        assert "0700 111999" not in text and "0700 222888" not in text

    def test_register_pdf_is_for_deputies_and_staff_and_holds_no_personal_data(self, client, no_role_user,
                                                                                 deputy_client, staff_client, group):
        assert client.get("/en/groups/register.pdf").status_code == 302
        client.force_login(no_role_user)
        assert client.get("/en/groups/register.pdf").status_code == 403
        for council_client in (deputy_client, staff_client):
            response = council_client.get("/en/groups/register.pdf")
            assert response["Content-Type"] == "application/pdf"
            text = pdf_text(response.content)
            assert "Register of initiative groups" in text and "Ачык бюджет" in text
            assert_private(text, "the register PDF")
            assert CONSENTING not in text


@pytest.mark.django_db
def test_staff_see_the_personal_data(staff_client, group):
    page = staff_client.get(f"/en/groups/staff/{group.pk}/").content.decode()
    for secret in SECRETS + [CONSENTING]:
        assert secret in page



@pytest.mark.django_db
def test_site_search_finds_the_group_but_never_people(client, group):
    GroupFactory(name="Бюджет жашыруун", draft=True)
    page = client.get("/en/search/", {"q": "Ачык бюджет"}).content.decode()
    assert "Ачык бюджет" in page and "Бюджет жашыруун" not in page
    for query in (SECRET_NAME, CONSENTING, "0700 222888", "Жашыруунов"):
        page = client.get("/en/search/", {"q": query}).content.decode()
        assert_private(page.replace(query, ""), f"the search for {query}")
        assert f'href="/en/groups/{group.pk}/"' not in page
