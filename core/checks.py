"""System checks about the environment the portal runs in."""
from django.core import checks
from django.db import connections

CYRILLIC_UPPER = "ӨҢҮЖ"
CYRILLIC_LOWER = "өңүж"


@checks.register(checks.Tags.database)
def check_database_folds_cyrillic(app_configs=None, databases=None, **kwargs):
    """Warn when a database cannot lower-case Cyrillic (PostgreSQL created with the C locale):
    its own lower()/upper() and full-text search then miss "Мектеп" for "мектеп". Search
    (portal/search.py) does not rely on it, but other case-insensitive lookups (icontains in
    staff filters) do. Runs with `migrate` and `manage.py check --database default`."""
    warnings = []
    for alias in databases or []:
        connection = connections[alias]
        if connection.vendor != "postgresql":
            continue  # SQLite folds ASCII only by design; search folds case itself there
        with connection.cursor() as cursor:
            cursor.execute("SELECT LOWER(%s)", [CYRILLIC_UPPER])
            folded = cursor.fetchone()[0]
        if folded != CYRILLIC_LOWER:
            warnings.append(checks.Warning(
                f"The database '{alias}' does not lower-case Cyrillic (LOWER('{CYRILLIC_UPPER}') gives "
                f"'{folded}').",
                hint="Create the PostgreSQL database with a UTF-8 locale, e.g. "
                     "CREATE DATABASE portal LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0 "
                     "(or ru_RU.UTF-8 / ky_KG.UTF-8). Search works either way; staff filters may miss "
                     "differently-cased words.",
                id="core.W001",
            ))
    return warnings
