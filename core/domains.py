"""The domain of every number a person types (issue #16, item 5): validators that models put on
their fields, so that forms, the import and Django admin all refuse what makes no sense.

- people (participants of a meeting, members, beneficiaries, population): 0 to MAX_PEOPLE; a
  hearing's participants are also checked against the aimak's recorded population (Hearing.clean);
- money in som: never negative (the fields' max_digits bound the top);
- percentages: 0 to 100;
- years: FIRST_YEAR (independence, before any record the portal holds) to LAST_YEAR;
- dates: from 1 January FIRST_YEAR to 31 December LAST_YEAR (DATE), and the order of two dates
  or "not in the future" checked by the models' clean() with the helpers below.
"""
import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Above the population of any aiyl aimak of Kyrgyzstan: a stated cap for counts of people where
# the aimak's own population is not recorded. 99 999 999 999 participants were once accepted.
MAX_PEOPLE = 200_000
FIRST_YEAR = 1991
LAST_YEAR = 2100

PEOPLE = [MinValueValidator(0), MaxValueValidator(MAX_PEOPLE)]
MONEY = [MinValueValidator(0, message=_("The amount cannot be negative."))]
PERCENT = [MinValueValidator(0), MaxValueValidator(100)]
YEAR = [MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
ORDINAL = [MinValueValidator(1), MaxValueValidator(999)]  # a convocation, a session, a place won

FIRST_DATE = datetime.date(FIRST_YEAR, 1, 1)
LAST_DATE = datetime.date(LAST_YEAR, 12, 31)


def as_date(value):
    """The day of a date or a date-time (local time), or None."""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def validate_date(value):
    """A date the portal can hold: 01.01.1991 (independence) to 31.12.2100. 01.01.1900 or
    20.12.20266 is a typing error."""
    day = as_date(value)
    if day is not None and not FIRST_DATE <= day <= LAST_DATE:
        raise ValidationError(_("Give a date from %(first)s to %(last)s: check the year."), code="date_range",
                              params={"first": FIRST_YEAR, "last": LAST_YEAR})


DATE = [validate_date]


def is_future(value, today=None):
    """Whether a date (or date-time's day) is after today."""
    day = as_date(value)
    return day is not None and day > (today or timezone.localdate())


def is_before(value, start):
    """Whether `value` comes before `start` (each a date or date-time; False if either is missing)."""
    value, start = as_date(value), as_date(start)
    return value is not None and start is not None and value < start


def dmy(value):
    """'01.12.2026': a date as the messages show it."""
    return as_date(value).strftime("%d.%m.%Y")
