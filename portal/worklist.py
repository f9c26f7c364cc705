"""Where the portal asks each app for its share of the home page and the staff work list.

Each domain app may have a module `<app>/selectors.py` with:
- `public_section()` -> dict(title, url, figures=[(label, value)], ...) or None: a card on the home page;
- `staff_items(user)` -> list of dict(title, count, url): what waits for staff.
The portal imports those selectors only, never an app's models (DESIGN §2).
"""
from importlib import import_module

DOMAIN_APPS = ["hearings", "groups", "budget", "projects"]


def _selectors():
    for app in DOMAIN_APPS:
        try:
            yield import_module(f"{app}.selectors")
        except ModuleNotFoundError as error:
            if error.name != f"{app}.selectors":
                raise


def public_sections():
    sections = []
    for module in _selectors():
        if hasattr(module, "public_section"):
            section = module.public_section()
            if section:
                sections.append(section)
    return sections


def staff_items(user):
    items = []
    for module in _selectors():
        if hasattr(module, "staff_items"):
            items.extend(module.staff_items(user))
    return items
