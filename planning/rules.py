"""The rules of planning as pure functions: the models' clean(), the forms and the services
all call these, so each rule lives in one place. Each `*_errors` function returns a dict
{field name: message} (empty when all is well)."""
from django.utils.translation import gettext_lazy as _


def attendance_errors(total, women, men, youth):
    """Women + men must equal the total where all three are given; no part above the total."""
    errors = {}
    if total is not None and women is not None and men is not None and women + men != total:
        errors["participants_men"] = _("Women and men together must equal the number of participants.")
    for field, value in (("participants_women", women), ("participants_men", men), ("participants_youth", youth)):
        if total is not None and value is not None and value > total:
            errors[field] = _("This cannot be more than the number of participants.")
    return errors


def households_errors(households, field):
    if households is not None and households < 0:
        return {field: _("The number of households cannot be negative.")}
    return {}


def votes_errors(votes, participants, group_name, field):
    """A group cannot give a problem more votes than it has participants (one vote a person a
    problem, the method of the joint study of needs)."""
    if votes is None:
        return {}
    if votes < 0:
        return {field: _("Votes cannot be negative.")}
    if participants is not None and votes > participants:
        return {field: _("%(group)s: %(votes)s votes, but only %(participants)s people of this group took part.")
                % {"group": group_name, "votes": votes, "participants": participants}}
    return {}


def deadline_errors(deadline, starts_on, ends_on):
    if starts_on and deadline < starts_on:
        return {"deadline": _("The deadline comes before the plan's period (from %(start)s).")
                % {"start": starts_on.strftime("%d.%m.%Y")}}
    if ends_on and deadline > ends_on:
        return {"deadline": _("The deadline comes after the plan's period (to %(end)s).")
                % {"end": ends_on.strftime("%d.%m.%Y")}}
    return {}


def status_errors(status, done_on, reason):
    """"Done" needs the date it was done; "postponed" and "dropped" need a reason."""
    errors = {}
    if status == "done" and not done_on:
        errors["done_on"] = _("Say when the action was done.")
    if status in ("postponed", "dropped") and not (reason or "").strip():
        errors["reason"] = _("Say why the action is postponed or dropped.")
    return errors


def progress_date_errors(on, done_on, plan_start, today):
    """A change of an action's status (`on`) and the day it was done (`done_on`), each a date or
    None, fall within the plan's life: not before the plan's period starts, not after today."""
    errors = {}
    for field, day, future in (("on", on, _("A change of status cannot be dated in the future.")),
                               ("done_on", done_on, _("An action cannot be done in the future."))):
        if day is None:
            continue
        if day > today:
            errors[field] = future
        elif plan_start and day < plan_start:
            errors[field] = _("This date comes before the plan's period (from %(start)s).") % {
                "start": plan_start.strftime("%d.%m.%Y")}
    return errors


def is_overdue(deadline, status, today):
    """Late: the deadline is before today and the action is neither done nor dropped (on the
    deadline day itself it is not late yet)."""
    return deadline < today and status not in ("done", "dropped")


def rank_needs(votes):
    """Rank the needs of one study from the votes of its groups.

    `votes` is {need id: {group id: votes}}. A group's votes count as the share of all the votes
    that group gave, so every group weighs the same whatever its size: the priorities of the 40
    women who came are not drowned by those of 60 men (and the other way round). A need's score
    is the average of its shares over the groups that ranked; needs with the same score share a
    rank ("1, 2, 2, 4"). Returns {need id: (score, rank)} with the score a float in 0..1 and
    rank 1 the first priority; a need nobody voted for scores 0.
    """
    group_totals = {}
    for by_group in votes.values():
        for group, count in by_group.items():
            group_totals[group] = group_totals.get(group, 0) + (count or 0)
    groups = [group for group, total in group_totals.items() if total]
    scores = {}
    for need, by_group in votes.items():
        if not groups:
            scores[need] = 0.0
            continue
        shares = [(by_group.get(group) or 0) / group_totals[group] for group in groups]
        scores[need] = round(sum(shares) / len(groups), 9)
    ordered = sorted(scores.values(), reverse=True)
    return {need: (score, ordered.index(score) + 1) for need, score in scores.items()}


def rank_within_group(votes):
    """{need id: rank} of one group's own votes ({need id: votes}), ties sharing a rank; needs
    the group gave no vote are left out."""
    counted = {need: count for need, count in votes.items() if count}
    ordered = sorted(counted.values(), reverse=True)
    return {need: ordered.index(count) + 1 for need, count in counted.items()}
