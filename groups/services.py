"""Operations of the groups app that touch several models: all or nothing."""
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from .models import Membership, Person


class AlreadyMember(ValidationError):
    pass


@transaction.atomic
def add_member(group, *, role, joined_on, person=None, person_data=None):
    """Add `person` (or a new person made from `person_data`) to `group`.

    The person and the membership are saved together or not at all: if the membership cannot
    be saved (the person already has an open membership, a date is wrong), a new person is not
    left behind either. Duplicate checks of the form happen before; this re-checks what the
    database enforces, because two clerks may press "save" at the same moment.
    """
    if person is None:
        person = Person(**person_data)
        person.full_clean()
        person.save()
    membership = Membership(person=person, group=group, role=role, joined_on=joined_on)
    membership.full_clean(validate_constraints=False)
    if Membership.objects.open().filter(person=person, group=group).exists():
        raise AlreadyMember(_("%(name)s is already a member of this group."), code="already_member",
                            params={"name": person.full_name})
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError:
        raise AlreadyMember(_("%(name)s is already a member of this group."), code="already_member",
                            params={"name": person.full_name})
    return membership

