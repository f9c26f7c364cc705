"""The open-data index and the ZIP of every public CSV file, both gathered from the apps'
datasets (core.contributions.Dataset).

The ZIP writes each file from the same `Dataset.rows()` the app's own download uses, through
the same writer (core.contributions.csv_chunks): published data only, whoever asks, never a
second copy of the export code. It costs a fixed number of queries (each dataset's rows take a
fixed number: the budget is one file of every published year's lines, not one a year) and is
written once per content version to a file (MEDIA_ROOT/cache/open-data), which the view sends
streamed; a revalidation is answered from the version alone, without building.
Beside the files it holds a README (each file's columns, encoding, delimiter, licence) and a
Frictionless `datapackage.json` (https://specs.frictionlessdata.io/data-package/) saying the same
for programs.
"""
import hashlib
import json
import os
import threading
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.cache import build_once, content_version
from core.changes import ANY_CONTENT, last_changed
from core.contributions import CSV_DELIMITER, CSV_ENCODING, all_contributions, csv_chunks

LICENCE = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0",
           "path": "https://creativecommons.org/licenses/by/4.0/"}


def datasets():
    """Every dataset of every app, in INSTALLED_APPS order."""
    return [dataset for contributions in all_contributions() for dataset in contributions.datasets()]


def with_first_alike(found):
    """[(dataset, first)]: `first` is the dataset listed earlier with the very same columns (None
    for the first of its kind), so that the page describes each set of columns once. A budget
    file for every year repeats one set: after ten years, 186 copies and 400 KB of HTML."""
    firsts, listed = {}, []
    for dataset in found:
        shape = tuple((str(column), str(meaning)) for column, meaning in dataset.columns)
        first = firsts.setdefault(shape, dataset) if shape else None
        listed.append((dataset, first if first is not dataset else None))
    return listed


def zipped(found):
    return [dataset for dataset in found if dataset.in_zip]


def readme(found, now):
    """README.txt of the ZIP: what each file holds, column by column."""
    lines = [_("Open data of the aiyl okmotu: published information only."),
             _("Generated %(date)s.") % {"date": now.strftime("%d.%m.%Y %H:%M")},
             _("Every file is CSV: encoding %(encoding)s, fields separated by “%(delimiter)s”, decimals "
               "with a dot, dates as YYYY-MM-DD, the first row names the columns.") % {
                 "encoding": CSV_ENCODING.upper(), "delimiter": CSV_DELIMITER},
             _("Licence: %(licence)s (%(url)s): use freely, naming the aiyl okmotu as the source.") % {
                 "licence": LICENCE["title"], "url": LICENCE["path"]}, ""]
    for dataset in found:
        lines += [f"{dataset.filename}: {dataset.title}. {dataset.description}"]
        lines += [f"  - {column}: {meaning}" for column, meaning in dataset.columns]
        lines.append("")
    return "\n".join(str(line) for line in lines)


def datapackage(found, now):
    """The Frictionless Data Package descriptor of the ZIP's files (a dict, ready for JSON)."""
    return {
        "profile": "tabular-data-package",
        "name": "aiyl-okmotu-open-data",
        "title": str(_("Open data of the aiyl okmotu: published information only.")),
        "created": now.isoformat(timespec="seconds"),
        "licenses": [LICENCE],
        "resources": [{
            "profile": "tabular-data-resource",
            "name": dataset.key,
            "path": dataset.filename,
            "title": str(dataset.title),
            "description": str(dataset.description),
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "dialect": {"delimiter": CSV_DELIMITER, "header": True},
            "schema": {"fields": [{"name": str(column), "type": "string", "description": str(meaning)}
                                  for column, meaning in dataset.columns]},
        } for dataset in found],
    }


def write_zip(target, request):
    """Write the ZIP of every public CSV, a README and datapackage.json into `target` (a path or a
    binary file): each CSV member written as its rows are read, so memory stays flat."""
    now = timezone.localtime()
    found = zipped(datasets())
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for dataset in found:
            with archive.open(dataset.filename, "w") as member:
                for chunk in csv_chunks(dataset, request.build_absolute_uri):
                    member.write(chunk.encode(CSV_ENCODING))
        archive.writestr("README.txt", readme(found, now))
        archive.writestr("datapackage.json", json.dumps(datapackage(found, now), ensure_ascii=False, indent=2))


# --- The archive on disk ---------------------------------------------------------------------
# Bump when the ZIP's files change shape, so that stored archives are built again.
LAYOUT = 2
BUILD_SECONDS = 60 * 60 * 24


def archive_dir():
    return Path(settings.MEDIA_ROOT) / "cache" / "open-data"


def archive_version():
    """(ETag, Last-Modified) of the archive as it would be built now, before building it: one
    query (the last change of any content, core.changes) and the content version (a bulk update
    records no history but bumps it). The ETag also names the stored file."""
    changed = last_changed(ANY_CONTENT)
    parts = [str(LAYOUT), get_language() or "", changed.isoformat() if changed else "", str(content_version())]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:32], changed


def open_archive(request, etag):
    """The stored archive of version `etag`, open for reading: written once (by one worker while
    others wait, core.cache.build_once) into a temporary file renamed into place, so that no
    reader ever sees half a file; older archives of the language are removed then."""
    path = archive_dir() / f"open-data-{get_language()}-{etag}.zip"
    for _attempt in range(2):
        if not path.exists():
            build_once(f"portal:open-data-file:{path.name}", lambda: write_archive(request, path), BUILD_SECONDS)
        try:
            return path.open("rb")
        except FileNotFoundError:  # removed after the cache remembered it: build it again
            cache.delete(f"portal:open-data-file:{path.name}")
    return path.open("rb")


def write_archive(request, path):
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.part")
    try:
        write_zip(temporary, request)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    # A reader still sending an old file keeps it open: removing its name does not cut it short.
    for old in path.parent.glob(f"open-data-{get_language()}-*.zip"):
        if old != path:
            old.unlink(missing_ok=True)
    return str(path)
