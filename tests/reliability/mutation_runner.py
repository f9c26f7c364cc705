"""The mutation run's test command (tests/README.md): the database-free rule tests of
test_rules_pure.py and the amount tests of the budget import, run without pytest's start-up so
that each of ~100 mutants costs about a second of CPU. Exit status 1 when any test fails.

    .venv/bin/python tests/reliability/mutation_runner.py
"""
import itertools
import os
import sys


def cases(function):
    """Every argument set of a test function's @pytest.mark.parametrize marks (or one empty set)."""
    marks = [mark for mark in getattr(function, "pytestmark", []) if mark.name == "parametrize"]
    if not marks:
        yield {}
        return
    grids = []
    for mark in marks:
        names = [name.strip() for name in mark.args[0].split(",")] if isinstance(mark.args[0], str) else mark.args[0]
        grids.append([dict(zip(names, values if len(names) > 1 else (values,))) for values in mark.args[1]])
    for combination in itertools.product(*grids):
        merged = {}
        for part in combination:
            merged.update(part)
        yield merged


def main():
    sys.path.insert(0, os.getcwd())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings_test")
    import django

    django.setup()
    from tests.budget import test_import_real_files as amounts
    from tests.reliability import test_rules_pure as rules

    tests = [getattr(rules, name) for name in dir(rules) if name.startswith("test_")]
    tests += [amounts.test_amounts_as_people_write_them_are_read_right,
              amounts.test_ambiguous_or_foreign_amounts_are_refused,
              amounts.test_swapped_separators_give_the_same_amount_not_a_thousand_times_less]
    for test in tests:
        for arguments in cases(test):
            try:
                test(**arguments)
            except Exception as failure:  # noqa: BLE001 - any failure kills the mutant
                print(f"FAILED {test.__name__}{arguments}: {failure!r}")
                return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
