"""Three floors, every import pointing down (DESIGN §2, issue #12): `core` knows no app and not
the portal; a domain app imports `core` and other apps' models, never `portal`; `portal` reaches
an app only through its declared module, `<app>.contributions` (the app's URLs are included by
name in portal/urls.py, a string, not an import). Every .py outside migrations and tests is
parsed with ast, so imports inside functions count too."""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SKIP_PARTS = {"migrations", "tests", ".venv", "node_modules", "bench", "loadtest", "scripts", "static"}


def domain_apps():
    """Top-level packages with an AppConfig, other than the floor and the roof."""
    return sorted(path.parent.name for path in ROOT.glob("*/apps.py") if path.parent.name not in ("core", "portal"))


def imports_of(path):
    """(line, dotted module) of every import in the file, relative ones resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module
            if "." in module:
                yield node.lineno, module
            else:  # `from groups import contributions` reaches groups.contributions
                for alias in node.names:
                    yield node.lineno, f"{module}.{alias.name}"


def python_files(top):
    for path in sorted((ROOT / top).rglob("*.py")):
        if not SKIP_PARTS & set(path.relative_to(ROOT).parts):
            yield path


def violations(top, allowed):
    """`top/file.py:line imports module` for every import `allowed(module)` refuses."""
    found = []
    for path in python_files(top):
        for line, module in imports_of(path):
            if not allowed(module):
                found.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
    return sorted(set(found))


def first(module):
    return module.split(".")[0]


def test_there_are_domain_apps_to_check():
    assert {"groups", "hearings", "budget", "projects"} <= set(domain_apps())


def test_core_imports_no_app_and_not_the_portal():
    forbidden = {"portal", *domain_apps()}
    assert violations("core", lambda module: first(module) not in forbidden) == []


@pytest.mark.parametrize("app", domain_apps())
def test_a_domain_app_never_imports_the_portal(app):
    assert violations(app, lambda module: first(module) != "portal") == []


def test_the_portal_reaches_apps_only_through_their_contributions():
    apps = set(domain_apps())

    def allowed(module):
        parts = module.split(".")
        return parts[0] not in apps or parts[1:2] == ["contributions"]

    assert violations("portal", allowed) == []


def test_the_checker_sees_what_it_should(tmp_path, monkeypatch):
    """The parser finds an import hidden in a function and resolves relative ones."""
    package = tmp_path / "groups"
    package.mkdir()
    (package / "views.py").write_text(
        "from . import selectors\nfrom .models import Person\n"
        "def view():\n    from portal.views import HomeView\n")
    monkeypatch.setattr(__import__(__name__, fromlist=["ROOT"]), "ROOT", tmp_path)
    modules = {module for _line, module in imports_of(package / "views.py")}
    assert modules == {"groups.selectors", "groups.models", "portal.views"}
