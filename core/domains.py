"""The domain of every number a person types (issue #16, item 5): validators that models put on
their fields, so that forms, the import and Django admin all refuse what makes no sense.

- people (participants of a meeting, members, beneficiaries, population): 0 to MAX_PEOPLE; a
  hearing's participants are also checked against the aimak's recorded population (Hearing.clean);
- money in som: never negative (the fields' max_digits bound the top);
- percentages: 0 to 100;
- years: FIRST_YEAR (independence, before any record the portal holds) to LAST_YEAR.
"""
from django.core.validators import MaxValueValidator, MinValueValidator
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
