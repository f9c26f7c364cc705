"""Operations on planning that touch several rows: each runs in one transaction, checks before
it changes anything, and leaves a dated trail (the pattern of hearings.services.decide_proposal)."""
import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from planning import rules
from planning.models import ActionStatusChange, Need, NeedRanking, PlannedAction


class StaleChange(Exception):
    """The action was saved by someone else after the form was read."""


@transaction.atomic
def change_action_status(action, status, user, on=None, reason=None, result=None, done_on=None,
                         expected_version=None):
    """Move `action` to `status` on the date `on` (today by default), with the `reason` required
    for "postponed" and "dropped" and the `done_on` date required for "done"; record the step in
    its trail and return the saved action. `reason` and `result` are {"ky": text, "ru": text}
    (or one Kyrgyz text); a result left empty keeps the one recorded. Refuses (ValidationError,
    nothing saved) a step the rules do not allow; StaleChange if someone saved the action since
    `expected_version`."""
    current = PlannedAction.objects.select_for_update().get(pk=action.pk)
    if expected_version is not None and current.version != expected_version:
        raise StaleChange
    on = on or timezone.localdate()
    if isinstance(on, datetime.datetime):
        on = on.date()
    reason, result = _texts(reason), _texts(result)
    if status != PlannedAction.Status.DONE:
        done_on = None
    errors = dict(rules.status_errors(status, done_on, reason.get("ky")))
    errors.update(rules.progress_date_errors(on, done_on, current.plan.starts_on, timezone.localdate()))
    if errors:
        raise ValidationError(errors)

    previous = current.status
    current.status = status
    current.status_changed_on = on
    current.done_on = done_on
    fields = ["status", "status_changed_on", "done_on", "version"]
    for language in LANGUAGES:
        setattr(current, f"reason_{language}",
                reason.get(language, "") if status in PlannedAction.NEEDS_REASON else "")
        fields.append(f"reason_{language}")
        if result.get(language):
            setattr(current, f"result_{language}", result[language])
            fields.append(f"result_{language}")
    current.version += 1  # the row is locked: a plain increment is safe
    current._change_reason = f"{previous} → {status}"
    current.save(update_fields=fields)
    if previous != status:
        ActionStatusChange.objects.create(action=current, from_status=previous, to_status=status, changed_on=on,
                                          changed_by=user, **{f"reason_{code}": text for code, text in reason.items()})
    return current


LANGUAGES = ("ky", "ru", "en")


def _texts(value):
    """{"ky": text, …} from a dict of texts or one Kyrgyz text, stripped, empty ones left out."""
    if not isinstance(value, dict):
        value = {"ky": value}
    return {code: (value.get(code) or "").strip() for code in LANGUAGES if (value.get(code) or "").strip()}


@transaction.atomic
def save_needs_table(study, rows):
    """Save a study's problems and their votes in one go: `rows` is [(need, {group: votes})],
    needs already validated (new or changed). Votes of None remove that group's ranking.
    All or nothing."""
    saved = []
    for need, votes in rows:
        need.study = study
        need.save()
        saved.append(need)
        for group, count in votes.items():
            if count is None:
                NeedRanking.objects.filter(need=need, group=group).delete()
            else:
                NeedRanking.objects.update_or_create(need=need, group=group, defaults={"votes": count})
    return saved


@transaction.atomic
def record_actions(plan, actions, user, on=None):
    """Save new actions of `plan` (unsaved instances, already validated) and start each one's
    trail with "planned"."""
    on = min(on or timezone.localdate(), timezone.localdate())
    saved = []
    for action in actions:
        action.plan = action.plan if action.plan_id else plan
        action.status = PlannedAction.Status.PLANNED
        action.status_changed_on = on
        action.save()
        saved.append(action)
    ActionStatusChange.objects.bulk_create([
        ActionStatusChange(action=action, from_status="", to_status=PlannedAction.Status.PLANNED, changed_on=on,
                           changed_by=user)
        for action in saved
    ])
    return saved


def need_belongs(need, plan):
    """Whether `need` is one of the problems of the study `plan` answers."""
    return isinstance(need, Need) and need.study_id == plan.study_id
