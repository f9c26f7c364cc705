"""Data survive the upgrade from the previous releases (the split of `portal` into core / apps /
portal, and every migration since): a database built and filled by the previous version's own
code (its migrations and its `load_demo`) is migrated by this version, and every row and every
history row is still there, the roles keep their permissions and the demo users can still work.

The previous version is taken from git (`git archive`), so the test runs the real old code, not a
reconstruction of it."""
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

BASE = Path(__file__).resolve().parents[2]
# The releases a database may come from: the last one before the restructuring (stop 10 of the
# project's history) and the last landed one (stop 19: core, bilingual texts, planning).
RELEASES = ["919362f", "9d22602"]


def _git(*args):
    return subprocess.run(["git", "-C", str(BASE), *args], capture_output=True, check=False)


def _manage(code_dir, database, *args):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "DJANGO_DEBUG": "1",
           "DJANGO_SECRET_KEY": "test-only-upgrade-check", "DJANGO_SETTINGS_MODULE": "portal.settings",
           "DJANGO_MEDIA_ROOT": str(Path(database).parent / "media"), "CACHE_URL": "locmem://"}
    env.pop("PYTHONPATH", None)
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=code_dir, env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"manage.py {' '.join(args)} failed in {code_dir}:\n{result.stderr[-3000:]}"
    return result.stdout


def _row_counts(database):
    with sqlite3.connect(database) as connection:
        tables = [name for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
        return {table: connection.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] for table in tables}


@pytest.fixture(scope="module", params=RELEASES)
def upgraded(request, tmp_path_factory):
    PREVIOUS_RELEASE = request.param
    if _git("cat-file", "-e", f"{PREVIOUS_RELEASE}^{{commit}}").returncode != 0:
        pytest.fail(f"the previous release {PREVIOUS_RELEASE} is not in this clone's history")
    root = tmp_path_factory.mktemp(f"upgrade-{PREVIOUS_RELEASE}")
    old_code = root / "previous"
    old_code.mkdir()
    archive = _git("archive", "--format=tar", PREVIOUS_RELEASE)
    subprocess.run(["tar", "-x", "-C", str(old_code)], input=archive.stdout, check=True)
    database = root / "db.sqlite3"
    _manage(old_code, database, "migrate", "--noinput", "-v0")
    _manage(old_code, database, "load_demo", "--force")
    before = _row_counts(database)
    _manage(BASE, database, "migrate", "--noinput", "-v0")
    after = _row_counts(database)
    return before, after, database


def test_every_row_and_every_history_row_is_still_there(upgraded):
    before, after, _database = upgraded
    assert before["portal_village"] > 0 and before["portal_historicalvillage"] > 0
    assert before["hearings_proposal"] > 0 and before["hearings_historicalproposal"] > 0
    lost = {table: (count, after.get(table)) for table, count in before.items()
            if table != "django_migrations" and after.get(table, 0) < count}
    assert lost == {}, f"tables that lost rows in the upgrade (before, after): {lost}"


def test_moved_models_keep_their_content_types_and_the_roles_their_permissions(upgraded):
    _before, _after, database = upgraded
    with sqlite3.connect(database) as connection:
        labels = dict(connection.execute(
            "SELECT model, app_label FROM django_content_type WHERE model IN ('village', 'municipality')"))
        staff_permissions = {codename for (codename,) in connection.execute(
            "SELECT p.codename FROM auth_permission p JOIN auth_group_permissions gp ON gp.permission_id = p.id "
            "JOIN auth_group g ON g.id = gp.group_id JOIN django_content_type ct ON ct.id = p.content_type_id "
            "WHERE g.name = 'staff' AND ct.app_label = 'core'")}
    assert labels == {"village": "core", "municipality": "core"}
    assert {"edit_content", "publish_content", "view_drafts", "print_council_pack"} <= staff_permissions


def test_the_demo_staff_user_can_still_edit_after_the_upgrade(upgraded):
    _before, _after, database = upgraded
    out = _manage(BASE, database, "shell", "-c",
                  "from django.contrib.auth.models import User; "
                  "u = User.objects.get(username='staff'); "
                  "from core import roles; print('CAN_EDIT', roles.can_edit(u), roles.can_publish(u))")
    assert "CAN_EDIT True True" in out
