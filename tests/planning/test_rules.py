"""The rules of planning as pure functions: the rank computation and the checks on bad input."""
import datetime

from planning import rules


def test_every_group_weighs_the_same_whatever_its_size():
    # The men gave many more votes than the women. Summing raw votes would rank A first;
    # counting each group's votes as shares of its own total gives both groups the same weight.
    votes = {"A": {"men": 45, "women": 5}, "B": {"men": 15, "women": 15}}
    ranks = rules.rank_needs(votes)
    # men: A 0.75, B 0.25; women: A 0.25, B 0.75 -> A 0.5, B 0.5: a tie, both first.
    assert ranks["A"] == (0.5, 1) and ranks["B"] == (0.5, 1)

    votes = {"A": {"men": 45, "women": 4}, "B": {"men": 15, "women": 16}}
    ranks = rules.rank_needs(votes)
    # Raw sums say A (49 against 31); shares say B (0.25/2 + 0.8/2 = 0.525 against 0.475).
    assert ranks["B"][1] == 1 and ranks["A"][1] == 2
    assert abs(ranks["B"][0] - 0.525) < 1e-9


def test_ties_share_a_rank_and_the_next_rank_skips():
    ranks = rules.rank_needs({"A": {"g": 10}, "B": {"g": 10}, "C": {"g": 5}, "D": {"g": 1}})
    assert [ranks[name][1] for name in "ABCD"] == [1, 1, 3, 4]


def test_a_need_nobody_voted_for_comes_last_with_score_zero():
    ranks = rules.rank_needs({"A": {"g": 3}, "B": {}})
    assert ranks["B"] == (0.0, 2)
    assert rules.rank_needs({"A": {}, "B": {}}) == {"A": (0.0, 1), "B": (0.0, 1)}


def test_a_group_that_gave_no_votes_does_not_dilute_the_others():
    ranks = rules.rank_needs({"A": {"g": 3, "empty": 0}, "B": {"g": 1, "empty": 0}})
    assert ranks["A"] == (0.75, 1)


def test_rank_within_one_group_leaves_out_needs_without_votes():
    assert rules.rank_within_group({"A": 5, "B": 9, "C": None, "D": 5}) == {"B": 1, "A": 2, "D": 2}


def test_votes_above_the_group_participants_are_refused_and_equal_is_accepted():
    assert rules.votes_errors(41, 40, "Аялдар", "votes")
    assert "40" in str(rules.votes_errors(41, 40, "Аялдар", "votes")["votes"])
    assert rules.votes_errors(40, 40, "Аялдар", "votes") == {}
    assert rules.votes_errors(-1, None, "Аялдар", "votes")
    assert rules.votes_errors(1000, None, "Аялдар", "votes") == {}


def test_negative_households_are_refused_and_zero_is_accepted():
    assert rules.households_errors(-1, "households_affected")
    assert rules.households_errors(0, "households_affected") == {}


def test_deadline_must_fall_within_the_plans_period_both_ends_included():
    start, end = datetime.date(2022, 1, 1), datetime.date(2026, 12, 31)
    assert rules.deadline_errors(datetime.date(2021, 12, 31), start, end)
    assert rules.deadline_errors(start, start, end) == {}
    assert rules.deadline_errors(end, start, end) == {}
    assert rules.deadline_errors(datetime.date(2027, 1, 1), start, end)


def test_done_needs_its_date_and_postponed_or_dropped_a_reason():
    assert set(rules.status_errors("done", None, "")) == {"done_on"}
    assert rules.status_errors("done", datetime.date(2024, 1, 1), "") == {}
    assert set(rules.status_errors("postponed", None, "  ")) == {"reason"}
    assert set(rules.status_errors("dropped", None, "")) == {"reason"}
    assert rules.status_errors("dropped", None, "Каражат жок") == {}
    assert rules.status_errors("under_way", None, "") == {}


def test_overdue_starts_the_day_after_the_deadline_and_never_for_done_or_dropped():
    deadline = datetime.date(2025, 6, 30)
    assert not rules.is_overdue(deadline, "planned", deadline)
    assert rules.is_overdue(deadline, "planned", deadline + datetime.timedelta(days=1))
    assert rules.is_overdue(deadline, "postponed", datetime.date(2026, 1, 1))
    assert not rules.is_overdue(deadline, "done", datetime.date(2026, 1, 1))
    assert not rules.is_overdue(deadline, "dropped", datetime.date(2026, 1, 1))
