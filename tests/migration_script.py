"""Running a migration test's script in a process of its own, on its own SQLite file: a test
that migrates backwards and forwards must not share the test database of the others."""
import os
import subprocess
import sys
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent


def run_on_own_database(script, tmp_path, name):
    """Run `script` (Python source that sets Django up itself) against a fresh database under
    `tmp_path`; returns its standard output, or fails the test with its error."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "DJANGO_DEBUG": "1",
           "DJANGO_SECRET_KEY": f"test-only-{name}", "DJANGO_SETTINGS_MODULE": "portal.settings",
           "DJANGO_MEDIA_ROOT": str(tmp_path / "media"), "CACHE_URL": "locmem://"}
    result = subprocess.run([sys.executable, "-c", script], cwd=BASE, env=env, capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout
