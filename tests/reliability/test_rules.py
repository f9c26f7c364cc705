"""Rules whose tests must notice a plausible bug (issue #16, item 9): asymmetric data where a
mistake changes the answer (3 women and 1 man, not 1 and 1), boundaries on both sides, every pair
of proposal statuses, one definition of each threshold. tests/README.md has the mutation score."""
import datetime
import io
import json
import tarfile
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from groups import selectors as group_selectors
from hearings.models import Proposal
from hearings.services import decide_proposal
from groups.contributions import year_figures as group_figures
from projects.models import FundingContribution, Project
from tests.groups.factories import GroupFactory, MembershipFactory
from tests.hearings.factories import ProposalFactory
from tests.projects.factories import ContributionFactory, ProjectFactory
from tests.reliability.test_rules_pure import STATUSES, allowed_pairs

pytestmark = pytest.mark.django_db
Source = FundingContribution.Source
THIS_YEAR = datetime.date.today().year


def members(women, men, youth_women=0):
    group = GroupFactory()
    for index in range(women):
        birth_year = THIS_YEAR - 20 if index < youth_women else 1970
        MembershipFactory(group=group, person__gender="female", person__birth_year=birth_year)
    for _index in range(men):
        MembershipFactory(group=group, person__gender="male", person__birth_year=1970)
    return group


# --- The women's share and its 30 % target -----------------------------------------------------

def test_three_women_and_one_man_are_counted_as_such_on_the_figures_page_and_in_the_report():
    members(women=3, men=1, youth_women=1)
    figures = group_selectors.figures()
    assert (figures["total"], figures["women"], figures["men"], figures["youth"]) == (4, 3, 1, 1)
    assert figures["women_share"] == 75.0 and figures["youth_share"] == 25.0
    report = group_figures(THIS_YEAR)
    assert (report["members"], report["women"], report["youth"]) == (4, 3, 1)
    assert report["women_share"] == 75.0


def test_the_figures_page_and_the_annual_report_agree_at_exactly_30_percent():
    """The issue's real bug: the figures page said met at 30.0 % (>=), the report not (>)."""
    members(women=3, men=7)
    assert group_selectors.figures()["women_target_met"] is True
    assert group_figures(THIS_YEAR)["women_target_met"] is True


def test_below_the_target_both_say_not_met():
    members(women=2, men=7)  # 22.2 %
    assert group_selectors.figures()["women_target_met"] is False
    assert group_figures(THIS_YEAR)["women_target_met"] is False


# --- Proposal statuses: every pair ---------------------------------------------------------------

@pytest.mark.parametrize("source, target", [(a, b) for a in STATUSES for b in STATUSES])
def test_every_pair_of_statuses_is_allowed_or_refused_as_the_rules_say(source, target, staff):
    proposal = ProposalFactory(status=source, response="Жооп")
    allowed = allowed_pairs()[(source, target)]
    assert Proposal.can_move(source, target) is allowed
    if allowed:
        decide_proposal(proposal, target, "Жооп", staff)
        assert Proposal.objects.get(pk=proposal.pk).status == target
    else:
        with pytest.raises(ValidationError):
            decide_proposal(proposal, target, "Жооп", staff)
        assert Proposal.objects.get(pk=proposal.pk).status == source


def test_a_done_proposal_cannot_go_back_to_under_review(staff):
    proposal = ProposalFactory(status="done", response="Бүттү")
    with pytest.raises(ValidationError) as refused:
        decide_proposal(proposal, "under_review", "Кайра карайбыз", staff)
    assert "status" in refused.value.message_dict
    assert not proposal.status_changes.exists()


# --- Money: in kind is not cash ------------------------------------------------------------------

def test_a_valued_in_kind_contribution_is_not_counted_as_cash():
    project = ProjectFactory(state="done")
    ContributionFactory(project=project, source=Source.LOCAL_BUDGET, amount=Decimal("1000"))
    ContributionFactory(project=project, source=Source.DONOR, amount=Decimal("3000"))
    ContributionFactory(project=project, source=Source.IN_KIND_LABOUR, amount=Decimal("500"),
                        in_kind_description="Эмгек")
    ContributionFactory(project=project, source=Source.IN_KIND_MATERIALS, amount=Decimal("700"),
                        in_kind_description="Шагыл")
    listed = Project.objects.with_totals().get(pk=project.pk)
    assert listed.cash_total == Decimal("4000")
    summary = Project.objects.published().summary()
    assert summary["cash_total"] == Decimal("4000")
    assert summary["local_budget"] == Decimal("1000") and summary["outside"] == Decimal("3000")
    assert summary["leverage"] == Decimal("3")


# --- Restore: file paths ------------------------------------------------------------------------

def test_restore_refuses_a_media_file_named_dot_dot_slash_x(municipality, tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    good = tmp_path / "good.tar.gz"
    call_command("backup", "--output", str(good), stdout=io.StringIO(), stderr=io.StringIO())
    evil = tmp_path / "evil.tar.gz"
    payload = b"overwritten"
    import hashlib

    with tarfile.open(good) as old, tarfile.open(evil, "w:gz") as new:
        for member in old.getmembers():
            content = old.extractfile(member).read()
            if member.name == "manifest.json":
                manifest = json.loads(content)
                manifest["media"]["../x"] = {"sha256": hashlib.sha256(payload).hexdigest(), "size": len(payload)}
                content = json.dumps(manifest).encode()
            member.size = len(content)
            new.addfile(member, io.BytesIO(content))
        extra = tarfile.TarInfo("media/../x")
        extra.size = len(payload)
        new.addfile(extra, io.BytesIO(payload))
    with pytest.raises(CommandError, match="unsafe file name"):
        call_command("restore", str(evil), "--force", stdout=io.StringIO(), stderr=io.StringIO())
    assert not (tmp_path / "x").exists()
