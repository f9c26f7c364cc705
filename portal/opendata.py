"""The open-data index and the ZIP of every public CSV file, both gathered from the apps'
datasets (core.contributions.Dataset).

The ZIP writes each file from the same `Dataset.rows()` the app's own download uses, through
the same writer (core.contributions.csv_chunks): published data only, whoever asks, never a
second copy of the export code. It is streamed as it is written, so that memory stays flat as
the data grow, and costs a fixed number of queries (each dataset's rows take a fixed number).
Beside the files it holds a README (each file's columns, encoding, delimiter, licence) and a
Frictionless `datapackage.json` (https://specs.frictionlessdata.io/data-package/) saying the same
for programs.
"""
import io
import json
import zipfile

from django.utils import timezone
from django.utils.translation import gettext as _

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


class _Pipe(io.RawIOBase):
    """A write-only stream the ZIP is written into; what was written is taken out in chunks."""

    def __init__(self):
        self.chunks, self.position = [], 0

    def writable(self):
        return True

    def write(self, data):
        self.chunks.append(bytes(data))
        self.position += len(data)
        return len(data)

    def tell(self):
        return self.position

    def take(self):
        data, self.chunks = b"".join(self.chunks), []
        return data


def zip_chunks(request):
    """The ZIP of every public CSV, a README and datapackage.json, as bytes chunks written as
    they are made (for a StreamingHttpResponse)."""
    now = timezone.localtime()
    found = zipped(datasets())
    pipe = _Pipe()
    with zipfile.ZipFile(pipe, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for dataset in found:
            with archive.open(dataset.filename, "w") as member:
                for chunk in csv_chunks(dataset, request.build_absolute_uri):
                    member.write(chunk.encode(CSV_ENCODING))
                    yield pipe.take()
        archive.writestr("README.txt", readme(found, now))
        archive.writestr("datapackage.json", json.dumps(datapackage(found, now), ensure_ascii=False, indent=2))
    yield pipe.take()


def zip_of_public_csv(request):
    """The whole ZIP as bytes, to be cached once per content version (portal.views_public):
    built from zip_chunks(), so still in a constant number of queries."""
    return b"".join(zip_chunks(request))
