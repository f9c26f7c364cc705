"""Choice labels (get_FOO_display) come from a table made once per field and language: each
language still gets its own words, and a value outside the choices is shown as it is."""
import pytest

from tests.hearings.factories import ProposalFactory

pytestmark = pytest.mark.django_db


def test_a_proposals_topic_source_and_status_are_shown_in_the_readers_language(client, municipality):
    ProposalFactory(topic="water", source="group", status="accepted", response="Ооба")
    kyrgyz = client.get("/ky/hearings/proposals/").content.decode()
    russian = client.get("/ru/hearings/proposals/").content.decode()
    english = client.get("/en/hearings/proposals/").content.decode()
    assert "Ичүүчү суу" in kyrgyz and "Демилгелүү топ" in kyrgyz and "Кабыл алынды" in kyrgyz
    assert "Питьевая вода" in russian and "Инициативная группа" in russian and "Принято" in russian
    assert "Drinking water" in english and "Initiative group" in english and "Accepted" in english
    assert "Питьевая вода" not in kyrgyz and "Ичүүчү суу" not in russian


def test_a_value_outside_the_choices_is_shown_as_it_is():
    proposal = ProposalFactory.build(topic="unheard-of")
    assert proposal.get_topic_display() == "unheard-of"
