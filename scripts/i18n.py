#!/usr/bin/env python
"""Refresh the translation catalogues and fill in translations, safely from several shells.

    python scripts/i18n.py                      # extract new strings, compile
    python scripts/i18n.py fill FILE.json       # ... and fill translations from FILE.json
    python scripts/i18n.py missing [APP]        # list strings still without ky or ru translation

FILE.json maps each English msgid to {"ky": "...", "ru": "..."} (plural entries: {"ky": ["..", ".."]}).
A lock file serialises runs, so two people (or helpers) never write the .po files at once.
The .mo files are compiled with polib and committed, so a fresh machine needs no gettext tools.
"""
import fcntl
import json
import os
import subprocess
import sys
from pathlib import Path

import polib

BASE = Path(__file__).resolve().parent.parent
LANGUAGES = ["ky", "ru"]
LOCK = BASE / "locale" / ".lock"


def po_path(language):
    return BASE / "locale" / language / "LC_MESSAGES" / "django.po"


def extract():
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--no-location", "--no-wrap",
         *sum((["-l", language] for language in LANGUAGES), []),
         "--ignore", ".venv/*", "--ignore", "tests/*", "--ignore", "bench/*", "--ignore", "staticfiles/*",
         "--ignore", "scripts/*"],
        cwd=BASE, check=True, stdout=subprocess.DEVNULL,
    )


def fill(translations):
    for language in LANGUAGES:
        catalogue = polib.pofile(str(po_path(language)), wrapwidth=0)
        catalogue.metadata["Language"] = language
        # The header is ours, not a template: a fuzzy header makes tools distrust the catalogue.
        catalogue.metadata_is_fuzzy = False
        catalogue.metadata["Project-Id-Version"] = "aiyl-okmotu-portal"
        catalogue.metadata["Language-Team"] = {"ky": "Kyrgyz", "ru": "Russian"}[language]
        catalogue.metadata["Content-Type"] = "text/plain; charset=UTF-8"
        catalogue.metadata["Plural-Forms"] = (
            "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<12 || n%100>14) ? 1 : 2);"
            if language == "ru" else "nplurals=2; plural=(n != 1);"
        )
        for entry in catalogue:
            given = translations.get(entry.msgid, {}).get(language)
            if not given:
                continue
            if entry.msgid_plural:
                forms = given if isinstance(given, list) else [given]
                count = 3 if language == "ru" else 2
                forms = (forms + [forms[-1]] * count)[:count]
                entry.msgstr_plural = {index: form for index, form in enumerate(forms)}
            else:
                entry.msgstr = given if isinstance(given, str) else given[0]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        catalogue.save()


def compile_all():
    for language in LANGUAGES:
        catalogue = polib.pofile(str(po_path(language)))
        catalogue.save_as_mofile(str(po_path(language).with_suffix(".mo")))


def missing(app=None):
    rows = []
    for language in LANGUAGES:
        for entry in polib.pofile(str(po_path(language))):
            if entry.obsolete:
                continue
            done = all(entry.msgstr_plural.values()) if entry.msgid_plural else bool(entry.msgstr)
            if not done or "fuzzy" in entry.flags:
                rows.append((language, entry.msgid))
    return rows


def main():
    command = sys.argv[1] if len(sys.argv) > 1 else "extract"
    if command == "missing":
        rows = missing()
        for language, msgid in rows:
            print(f"{language}\t{msgid}")
        print(f"{len(rows)} missing", file=sys.stderr)
        return
    LOCK.parent.mkdir(exist_ok=True)
    with open(LOCK, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        extract()
        if command == "fill":
            with open(sys.argv[2], encoding="utf-8") as handle:
                fill(json.load(handle))
        compile_all()


if __name__ == "__main__":
    os.chdir(BASE)
    main()
