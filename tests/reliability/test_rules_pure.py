"""The rules of issue #16 item 9 that need no database: fast enough for the mutation run
(tests/README.md). test_rules.py drives the same rules through the database and the pages."""
from decimal import Decimal

import pytest

from budget.tabular import parse_amount
from groups.models import WOMEN_TARGET_PERCENT, women_target_met
from hearings.models import Proposal

@pytest.mark.parametrize("women, total, met", [
    (3, 10, True),      # exactly 30 %: "not less than 30 %" is met
    (29, 100, False),   # just below
    (31, 100, True),    # just above
    (2996, 10000, False),  # 29.96 % rounds to 30.0 but is not 30 %
    (0, 0, False),      # nobody to count
    (0, 1, False),      # one man
    (None, 3, False),   # women not counted
    (1, 3, True),
])
def test_the_women_target_has_one_definition_with_both_sides_of_the_boundary(women, total, met):
    assert WOMEN_TARGET_PERCENT == 30
    assert women_target_met(women, total) is met




# Written out here, apart from Proposal.TRANSITIONS, so that a change to either is noticed.
# Rows: from; columns: to, in the order of STATUSES. "x" allowed, "." refused, "=" staying put.
STATUSES = ["received", "under_review", "accepted", "partly_accepted", "rejected", "answered", "done"]
ALLOWED = """
received         = x x x x x .
under_review     x = x x x x .
accepted         . x = x x . x
partly_accepted  . x x = x . x
rejected         . x x x = . .
answered         . x . . . = .
done             . . . . . . =
"""


def allowed_pairs():
    table = {}
    for line in ALLOWED.strip().splitlines():
        source, *marks = line.split()
        for target, mark in zip(STATUSES, marks):
            table[(source, target)] = mark in "x="
    return table



@pytest.mark.parametrize("source, target", [(a, b) for a in STATUSES for b in STATUSES])
def test_can_move_says_what_the_table_says_for_every_pair(source, target):
    assert Proposal.can_move(source, target) is allowed_pairs()[(source, target)]


def test_done_is_final():
    assert not any(Proposal.can_move("done", status) for status in STATUSES if status != "done")


# --- Amounts: separators swapped ------------------------------------------------------------------

def test_swapped_separators_are_read_as_the_same_amount_in_the_import():
    assert parse_amount("1.250,50") == Decimal("1250.50")
    assert parse_amount("1,250.50") == Decimal("1250.50")
    assert parse_amount("1 250,50") == Decimal("1250.50")
    with pytest.raises(ValueError):
        parse_amount("1,250")  # one separator and three digits: could be either


def test_amounts_at_both_ends_of_their_domain():
    from budget.tabular import MAX_AMOUNT

    assert parse_amount("0") == Decimal("0.00")
    assert parse_amount(str(MAX_AMOUNT)) == MAX_AMOUNT
    with pytest.raises(ValueError):
        parse_amount("100000000000000")  # one tiyin-less som above MAX_AMOUNT
    with pytest.raises(ValueError):
        parse_amount("-0,01")
    assert parse_amount("0,005") == Decimal("0.01")  # half a tiyin rounds up
    assert parse_amount("0,0049") == Decimal("0.00")
    assert parse_amount(300.29999999999995) == Decimal("300.30")
    assert parse_amount(7) == Decimal("7.00") and parse_amount(None) is None and parse_amount("  ") is None


def test_a_name_that_lost_its_kyrgyz_letters_is_noticed_and_others_are_not():
    from budget.tabular import lost_letters

    assert lost_letters("Мектептерди о?доо", ["Мектептерди оңдоо"])
    assert lost_letters("Ок\ufffdуучулар")
    assert not lost_letters("Мектептерди оңдоо", ["Мектептерди оңдоо"])
    assert not lost_letters("Ремонт школ?", ["Ремонт школ"])  # no Kyrgyz letter could have been lost
    assert not lost_letters("Суу?", [])


@pytest.mark.parametrize("name", ["../x", "/etc/passwd", "photos/../../x", "", "a//b", "./a", ".."])
def test_restore_refuses_a_media_path_that_could_leave_media_root(name):
    from core.backups import BackupError, _safe_media_name

    with pytest.raises(BackupError) as refused:
        _safe_media_name(name)
    assert str(refused.value) == f"The archive holds an unsafe file name {name!r}; refusing to restore it."


def test_restore_takes_an_ordinary_media_path_as_it_is():
    from core.backups import _safe_media_name

    assert _safe_media_name("projects/2024/фото.jpg") == "projects/2024/фото.jpg"


@pytest.mark.parametrize("value, words", [
    (True, "“True” is not a number."),
    ("abc", "“abc” is not a number."),
    ("+5", "“+5” is not a number."),
    ("5_000", "“5_000” is not a number."),
    ("1,25,000", "“1,25,000” is not a number."),
    ("1.250,5,0", "“1.250,5,0” is not a number."),
    ("12.50,00", "“12.50,00” is not a number."),        # thousands grouped wrong
    ("1234,567,000", "“1234,567,000” is not a number."),
    ("1234.567,00", "“1234.567,00” is not a number."),
    ("1e+9", "“1e+9” is written in scientific notation"),
    ("x" * 45, "“" + "x" * 40 + "” is not a number."),
    ("−100", "The amount cannot be negative."),
    (-5, "The amount cannot be negative."),            # a number cell of a workbook
    (-0.5, "The amount cannot be negative."),
    ("100000000000000", "The amount is too large."),
    ("-100", "The amount cannot be negative."),
    ("1e9", "“1e9” is written in scientific notation: write the amount in full, for example 250000 or "
            "250 000,50."),
    ("1" * 41 + "e9", "“" + "1" * 40 + "” is written in scientific notation"),
    ("250,000", "“250,000” can be read two ways"),
])
def test_a_refused_amount_says_why_in_words_naming_what_was_typed(value, words):
    from django.utils import translation

    with translation.override("en"), pytest.raises(ValueError) as refused:
        parse_amount(value)
    message = str(refused.value)
    assert message.startswith(words)
    if words.endswith("."):  # the whole message is known: nothing added around it
        assert message == words


def test_a_date_in_an_amount_cell_is_named_as_a_date():
    import datetime

    from django.utils import translation

    with translation.override("en"), pytest.raises(ValueError) as refused:
        parse_amount(datetime.date(2030, 3, 1))
    assert str(refused.value) == ("This cell holds a date, not an amount: format the column as numbers in the "
                                  "spreadsheet and type the amount again.")
