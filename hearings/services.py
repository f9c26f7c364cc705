"""Operations on hearings and proposals that touch several rows: each runs in one transaction,
checks before it changes anything, and leaves a trail of who did what and when."""
import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core import bilingual
from hearings.models import Proposal, ProposalStatusChange

_UNCHANGED = object()


class StaleDecision(Exception):
    """The proposal was saved by someone else after the decision form was read."""


@transaction.atomic
def decide_proposal(proposal, status, response, user, on=None, note="", programme=_UNCHANGED,
                    budget_line=_UNCHANGED, project=_UNCHANGED, expected_version=None):
    """Move a proposal to `status` with its public `response`, record the step in its trail and
    return the saved proposal. `response` is the answer in Kyrgyz (a str), or the answer in each
    language ({"ky": …, "ru": …, "en": …}). Refuses (ValidationError, nothing saved) a move the
    rules do not allow or a decision without a public answer in Kyrgyz."""
    current = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if expected_version is not None and current.version != expected_version:
        # Someone decided it since the page was read (checked under the row lock).
        raise StaleDecision
    on = on or timezone.localdate()
    answers = response if isinstance(response, dict) else {"ky": response}
    answers = {language: (answers.get(language) or "").strip() for language in bilingual.LANGUAGES}
    if isinstance(on, datetime.datetime):
        on = on.date()
    errors = Proposal.decision_errors(current.status, status, answers["ky"], on, current.hearing.starts_at)
    if errors:
        raise ValidationError(errors)

    previous = current.status
    current.status = status
    for language, answer in answers.items():
        setattr(current, bilingual.localized("response", language), answer)
    fields = ["status", "response", *(bilingual.localized("response", code) for code in answers), "version"]
    if status in Proposal.DECIDED:
        current.decided_on = on
        fields.append("decided_on")
    for name, value in (("programme", programme), ("budget_line", budget_line), ("project", project)):
        if value is not _UNCHANGED:
            setattr(current, name, value)
            fields.append(name)
    current.version += 1  # the row is locked, so a plain increment is safe
    current._change_reason = f"{previous} → {status}"
    current.save(update_fields=fields)
    if previous != status:
        ProposalStatusChange.objects.create(proposal=current, from_status=previous, to_status=status,
                                            changed_on=on, changed_by=user, note=note)
    return current


@transaction.atomic
def record_proposals(hearing, proposals, user, on=None):
    """Save proposals received at `hearing` (unsaved instances, already validated) and start
    each one's trail with "received"."""
    on = on or timezone.localtime(hearing.starts_at).date()
    saved = []
    for proposal in proposals:
        proposal.hearing = hearing
        proposal.status = Proposal.Status.RECEIVED
        proposal.save()
        saved.append(proposal)
    ProposalStatusChange.objects.bulk_create([
        ProposalStatusChange(proposal=proposal, from_status="", to_status=Proposal.Status.RECEIVED,
                             changed_on=min(on, timezone.localdate()), changed_by=user)
        for proposal in saved
    ])
    return saved
