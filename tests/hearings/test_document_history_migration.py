"""Hearing documents began keeping a history (hearings 0010): every document uploaded before
is still there afterwards, untouched, and its history starts with a "created" row dated when it
was uploaded, so that the hearing's page (kept until what it shows changes) knows of it.

The migrations run on a database file of their own, in a separate process, so that the shared
test database is never left half-migrated."""

from tests.migration_script import run_on_own_database

SCRIPT = r'''
import datetime

import django

django.setup()

from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone


def nodes():
    graph = MigrationExecutor(connection).loader.graph
    step = next(key for key in graph.nodes if key[0] == "hearings" and key[1].endswith("hearing_document_history"))
    parent = next(node.key for node in graph.node_map[step].parents if node.key[0] == "hearings")
    others = [leaf for leaf in graph.leaf_nodes() if step not in graph.forwards_plan(leaf)]
    return parent, [parent, *others]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


call_command("migrate", verbosity=0)
parent, old_state = nodes()
executor = migrate([parent])
old = executor.loader.project_state(old_state).apps
Hearing, Document = old.get_model("hearings", "Hearing"), old.get_model("hearings", "HearingDocument")
hearing = Hearing.objects.create(kind="budget_draft", topic="Бюджет боюнча угуу", starts_at=timezone.now(),
                                 state="held", status="published")
uploaded = [datetime.datetime(2024, 3, day, 9, 0, tzinfo=datetime.timezone.utc) for day in (4, 5)]
made = []
for title, moment in zip(("Бюджеттин долбоору", "Түшүндүрмө кат"), uploaded):
    document = Document.objects.create(hearing=hearing, title=title, title_ky=title, file="hearings/x.pdf")
    Document.objects.filter(pk=document.pk).update(uploaded_at=moment)
    made.append(document.pk)

executor = MigrationExecutor(connection)
executor.loader.build_graph()
executor.migrate(executor.loader.graph.leaf_nodes())

from hearings.models import HearingDocument

documents = list(HearingDocument.objects.filter(pk__in=made).order_by("pk"))
assert [d.title for d in documents] == ["Бюджеттин долбоору", "Түшүндүрмө кат"], documents
assert [d.uploaded_at for d in documents] == uploaded
for document, moment in zip(documents, uploaded):
    rows = list(document.history.all())
    assert [(row.history_type, row.history_date, row.title, row.file.name if hasattr(row.file, "name") else row.file)
            for row in rows] == [("+", moment, document.title, "hearings/x.pdf")], rows
print("documents kept, their history begun")
'''


def test_documents_uploaded_before_are_kept_with_their_history_begun(tmp_path):
    assert "documents kept, their history begun" in run_on_own_database(SCRIPT, tmp_path, "document-history")
