"""Issue #15 item 9: the run command as a new user meets it. (The whole script, which builds its
own virtual environment, was tried once in a fresh clone: see the branch's report.)"""
import os
import shutil
import socket
import stat
import subprocess
import time
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def test_a_busy_port_is_reported_before_the_set_up(tmp_path):
    copy = tmp_path / "portal"
    (copy / "scripts").mkdir(parents=True)
    shutil.copy(ROOT / "scripts" / "run.sh", copy / "scripts" / "run.sh")
    # A set-up that would take a minute: it must not even start.
    (copy / "scripts" / "setup.sh").write_text("echo SETUP-RAN; sleep 60\n")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        started = time.monotonic()
        result = subprocess.run(["bash", "scripts/run.sh"], cwd=copy, capture_output=True, text=True,
                                env={**os.environ, "PORT": str(port)}, timeout=30)
    assert result.returncode == 1
    assert time.monotonic() - started < 10
    assert f"Port {port} is already in use" in result.stderr
    assert "PORT=8080 bash scripts/run.sh" in result.stderr
    assert "SETUP-RAN" not in result.stdout


def test_the_secret_key_is_generated_once_and_kept(tmp_path):
    shutil.copytree(ROOT / "scripts", tmp_path / "scripts")
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SECRET_KEY"}
    script = "source scripts/secret_key.sh; echo \"KEY=$DJANGO_SECRET_KEY\""
    first = subprocess.run(["bash", "-c", script], cwd=tmp_path, capture_output=True, text=True, env=env)
    second = subprocess.run(["bash", "-c", script], cwd=tmp_path, capture_output=True, text=True, env=env)
    key_file = tmp_path / "var" / "secret_key"
    assert "Generated a secret key" in first.stdout and "Generated" not in second.stdout
    first_key = first.stdout.strip().splitlines()[-1]
    assert first_key == second.stdout.strip().splitlines()[-1] == "KEY=" + key_file.read_text().strip()
    assert len(key_file.read_text().strip()) >= 50
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    # A key set in the environment wins and nothing is written.
    own = subprocess.run(["bash", "-c", script], cwd=tmp_path, capture_output=True, text=True,
                         env={**env, "DJANGO_SECRET_KEY": "from-the-environment"})
    assert own.stdout.strip() == "KEY=from-the-environment"


def test_var_is_ignored_by_git():
    result = subprocess.run(["git", "check-ignore", "var/secret_key", "var/static.sha"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_pytest_prints_skip_reasons():
    assert "-rs" in (ROOT / "pytest.ini").read_text()
