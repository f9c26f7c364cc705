"""The move of a council pack's contents from one field per app (hearings, budget_year,
projects, include_group_register) to CouncilPackItem rows: a pack made by the previous version
holds the same things afterwards, and going back restores the old fields.

The migrations run back and forth on a database file of their own, in a separate process, so
that the shared test database is never left half-migrated."""

from tests.migration_script import run_on_own_database

SCRIPT = r'''
import datetime

import django

django.setup()

from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone


def migration_nodes():
    """(the move, its portal parent, the state to build old rows in: the parent and every other
    app at its latest, as long as that does not need the move)."""
    graph = MigrationExecutor(connection).loader.graph
    move = next(key for key in graph.nodes if key[0] == "portal" and key[1].endswith("council_pack_items"))
    parent = next(node.key for node in graph.node_map[move].parents if node.key[0] == "portal")
    others = [leaf for leaf in graph.leaf_nodes() if move not in graph.forwards_plan(leaf)]
    return move, parent, [parent, *others]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


def leaves():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


call_command("migrate", verbosity=0)
move, parent, old_state = migration_nodes()
executor = migrate([parent])
old = executor.loader.project_state(old_state).apps
Session, Pack = old.get_model("portal", "CouncilSession"), old.get_model("portal", "CouncilPack")
Hearing, Project = old.get_model("hearings", "Hearing"), old.get_model("projects", "Project")
BudgetYear = old.get_model("budget", "BudgetYear")
now = timezone.now()
hearings = [Hearing.objects.create(kind="budget_draft", topic=f"Угуу {number}", starts_at=now,
                                   state="held", status="published") for number in range(2)]
project = Project.objects.create(title="Суу түтүгү", state="done", status="draft")
year = BudgetYear.objects.create(year=2022, stage="approved", status="published")
session = Session.objects.create(convocation=7, number=1, date=datetime.date(2022, 2, 10))
full = Pack.objects.create(session=session, budget_year=year, include_group_register=True, report_year=2021)
full.hearings.set(hearings)
full.projects.set([project])
only_report = Pack.objects.create(session=session, report_year=2021)

migrate(leaves())

from portal.models import CouncilPack

full_now = CouncilPack.objects.get(pk=full.pk)
assert full_now.picked() == {"hearings": sorted(h.pk for h in hearings), "budget_year": [year.pk],
                             "projects": [project.pk], "include_group_register": []}, full_now.picked()
assert full_now.report_year == 2021
assert CouncilPack.objects.get(pk=only_report.pk).picked() == {}

# And back: the old fields hold the items again.
executor = migrate([parent])
old = executor.loader.project_state(old_state).apps
back = old.get_model("portal", "CouncilPack").objects.get(pk=full.pk)
assert sorted(back.hearings.values_list("pk", flat=True)) == sorted(h.pk for h in hearings)
assert back.budget_year_id == year.pk and back.include_group_register
assert list(back.projects.values_list("pk", flat=True)) == [project.pk]
print("packs kept what they held")
'''


def test_a_pack_of_the_previous_version_keeps_what_it_held(tmp_path):
    assert "packs kept what they held" in run_on_own_database(SCRIPT, tmp_path, "pack-items")
