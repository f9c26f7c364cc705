"""Backups of the portal: one archive with the database's rows, the media files and a manifest.

How and why
-----------
* The rows are written with Django's serializers (JSON lines, one object a line, streamed), not
  with `pg_dump`. One format for both databases means one restore path that is tested on both,
  and a backup taken from the SQLite laptop install restores into PostgreSQL and the other way
  round (a municipality that outgrows SQLite moves with `backup` + `restore`). A raw `pg_dump`
  cannot go into SQLite, and it would also restore over a schema built by other code.
  Server-level PostgreSQL dumps (pg_dump/WAL archiving by the hosting) remain a good second line.
* Primary keys are kept as they are, so every reference between rows (foreign keys, many-to-many,
  the `id` columns of simple-history's historical rows) comes back unchanged. Only references to
  ContentType and Permission are written as natural keys ("portal", "municipality"), because those
  rows are made by `migrate` on each database with their own numbers and are not in the archive.
* Consistency: all rows are read in ONE read-only snapshot. PostgreSQL: a transaction whose first
  statement is `SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY`. SQLite: a deferred
  `BEGIN` (a read transaction; in WAL mode it sees one snapshot and does not block staff saving,
  unlike Django's `BEGIN IMMEDIATE`). Counts per model in the manifest are those of the snapshot.
* Media files are copied after the snapshot. Uploaded files are never rewritten in place (storage
  picks a new name), so every file the snapshot refers to is there unless it was deleted meanwhile;
  such a missing file is reported as a warning.
* Sessions and login-lockout records (axes) are not backed up: they are short-lived, and sessions
  hold secrets. Content types and permissions are rebuilt by `migrate`.
* The archive holds password hashes and personal data: it is written with mode 0600 and renamed
  into place only when complete, so a half-written file never looks like a backup.

Restore wants a migrated, empty database at exactly the migration state of the backup, loads all
rows in one transaction, resets PostgreSQL's sequences, puts the media files back and checks counts
and checksums against the manifest; anything wrong is refused with a clear message (CommandError).
"""
import datetime
import hashlib
import io
import json
import os
import tarfile
import tempfile
import zlib
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

import django
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers import jsonl
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import ImageField, signals
from django.utils import translation
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

from core import roles

FORMAT = "aiyl-okmotu-portal-backup"
FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
DATA_NAME = "data.jsonl"
MEDIA_PREFIX = "media/"

# Not backed up: rebuilt by migrate (contenttypes, permissions) or short-lived (sessions, lockouts).
EXCLUDED_APPS = {"contenttypes", "sessions", "axes"}
EXCLUDED_MODELS = {"auth.permission"}
# Referred to by natural key, because each database numbers them itself.
NATURAL_KEY_MODELS = (ContentType, Permission)
# Groups that migrations create (portal/migrations/0002_roles.py); the archive brings its own.
ROLE_GROUPS = (roles.STAFF, roles.DEPUTIES)
CHUNK = 1024 * 1024
# What a damaged or foreign file raises while it is read (zlib.error is not an OSError).
READ_ERRORS = (tarfile.TarError, EOFError, OSError, ValueError, zlib.error)


class BackupError(CommandError):
    """A backup or restore refused or failed, with a message for the administrator."""


def backed_up_models():
    """Concrete models whose rows go into the archive, in a stable order."""
    chosen = []
    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or not meta.managed or meta.app_label in EXCLUDED_APPS or meta.label_lower in EXCLUDED_MODELS:
            continue
        chosen.append(model)
    return sorted(chosen, key=lambda model: model._meta.label_lower)


def m2m_tables(models):
    """Auto-created many-to-many tables of `models`: their rows travel inside the parent's row,
    but they are counted separately so that restore can check them too."""
    tables = {}
    for model in models:
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            if through._meta.auto_created:
                tables[f"{model._meta.label_lower}.{field.name}"] = through
    return tables


class _PreciseEncoder(DjangoJSONEncoder):
    """DjangoJSONEncoder cuts times to milliseconds; a backup keeps the microseconds."""

    def default(self, o):
        if isinstance(o, (datetime.datetime, datetime.time)):
            return o.isoformat()
        return super().default(o)


class _Serializer(jsonl.Serializer):
    """JSON lines with plain primary keys, except natural keys for ContentType and Permission."""

    def _init_options(self):
        self.options.setdefault("cls", _PreciseEncoder)
        super()._init_options()

    def _natural_for(self, field):
        self.use_natural_foreign_keys = issubclass(field.remote_field.model, NATURAL_KEY_MODELS)

    def handle_fk_field(self, obj, field):
        self._natural_for(field)
        super().handle_fk_field(obj, field)

    def handle_m2m_field(self, obj, field):
        self._natural_for(field)
        super().handle_m2m_field(obj, field)


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


class read_snapshot:  # noqa: N801 (used as a context manager)
    """One consistent, read-only view of the database for the duration of the block."""

    def __init__(self, using):
        self.connection = connections[using]
        self.using = using
        self.atomic = None
        self.manual = False

    def __enter__(self):
        connection = self.connection
        with connection.cursor():
            pass  # connect (and run any health check) now, so that SET TRANSACTION comes first
        if connection.in_atomic_block:
            # Already inside the caller's transaction: its snapshot is the one we get.
            self.atomic = transaction.atomic(using=self.using)
            self.atomic.__enter__()
        elif connection.vendor == "sqlite":
            # A deferred BEGIN: the first read fixes the snapshot, writers are not blocked (WAL).
            with connection.cursor() as cursor:
                cursor.execute("BEGIN DEFERRED")
                cursor.execute("SELECT count(*) FROM sqlite_master")
            self.manual = True
        else:
            self.atomic = transaction.atomic(using=self.using)
            self.atomic.__enter__()
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        return self

    def __exit__(self, exc_type, exc, tb):
        if self.manual:
            with self.connection.cursor() as cursor:
                cursor.execute("ROLLBACK")  # nothing was written; just end the read transaction
            return False
        return self.atomic.__exit__(exc_type, exc, tb)


def migration_state(using):
    """{app_label: {"applied": [names], "latest": [leaf names]}} for the apps in the archive."""
    loader = MigrationLoader(connections[using], ignore_no_migrations=True)
    app_labels = {model._meta.app_label for model in backed_up_models()}
    state = {}
    for app_label in sorted(app_labels):
        applied = sorted(name for app, name in loader.applied_migrations if app == app_label)
        leaves = sorted(name for app, name in loader.graph.leaf_nodes(app_label)
                        if (app, name) in loader.applied_migrations)
        state[app_label] = {"applied": applied, "latest": leaves}
    return state


# Folders under MEDIA_ROOT the portal rebuilds itself (the open-data archive, portal/opendata.py):
# not worth carrying in every backup.
REBUILDABLE_MEDIA = ("cache",)


def _media_files(media_root, skip=()):
    """Relative POSIX paths of the regular files under MEDIA_ROOT, but those of the rebuildable
    folders."""
    media_root = Path(media_root)
    if not media_root.is_dir():
        return []
    skip = {Path(path).resolve() for path in skip}
    found = []
    for folder, dirs, files in os.walk(media_root):
        if Path(folder) == media_root:
            dirs[:] = [name for name in dirs if name not in REBUILDABLE_MEDIA]
        for name in files:
            path = Path(folder) / name
            if path.is_symlink() or not path.is_file() or path.resolve() in skip:
                continue
            found.append(path.relative_to(media_root).as_posix())
    return sorted(found)


def _referenced_files(models, using):
    """Names stored in the FileFields of the rows (to warn about files missing from media)."""
    from django.db.models import FileField

    names = set()
    for model in models:
        for field in model._meta.concrete_fields:
            if isinstance(field, FileField):
                names.update(model._base_manager.using(using).exclude(**{field.attname: ""})
                             .exclude(**{f"{field.attname}__isnull": True})
                             .values_list(field.attname, flat=True).distinct())
    return names


def default_output():
    folder = Path(getattr(settings, "BACKUP_ROOT", settings.BASE_DIR / "backups"))
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%d-%H%M%S")
    return folder / f"portal-{stamp}.tar.gz"


def create_backup(output, using=DEFAULT_DB_ALIAS, log=None):
    """Write the archive to `output` (a .tar.gz) and return its manifest."""
    log = log or (lambda message: None)
    output = Path(output)
    if output.exists():
        raise BackupError(f"{output} already exists; not overwriting a backup. Choose another --output.")
    if not (output.name.endswith(".tar.gz") or output.name.endswith(".tgz")):
        raise BackupError(f"{output}: the archive is a gzip'd tar; name it *.tar.gz.")
    output.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    connection = connections[using]
    models = backed_up_models()
    media_root = Path(settings.MEDIA_ROOT)
    partial = output.with_name(f".{output.name}.part")
    warnings = []

    with tempfile.TemporaryDirectory(prefix="portal-backup-") as scratch:
        data_path = Path(scratch) / DATA_NAME
        counts = {}
        with read_snapshot(using), _stored_image_dimensions(models):
            created_at = datetime.datetime.now(datetime.timezone.utc)
            migrations = migration_state(using)

            def rows():
                for model in models:
                    label = model._meta.label_lower
                    counts[label] = 0
                    for obj in model._base_manager.using(using).order_by("pk").iterator(chunk_size=2000):
                        counts[label] += 1
                        yield obj

            with open(data_path, "w", encoding="utf-8") as stream:
                _Serializer().serialize(rows(), stream=stream)
            for label, through in m2m_tables(models).items():
                counts[label] = through._base_manager.using(using).count()
            referenced = _referenced_files(models, using)
        log(f"Database ({connection.vendor}): {sum(counts.values())} rows of {len(counts)} tables.")

        media = {}
        try:
            fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as archive:
                archive.add(data_path, arcname=DATA_NAME, filter=_private)
                for name in _media_files(media_root, skip=[partial, output]):
                    content = (media_root / name).read_bytes()  # hash exactly what is archived
                    media[name] = {"sha256": hashlib.sha256(content).hexdigest(), "size": len(content)}
                    _add_bytes(archive, MEDIA_PREFIX + name, content)
                for name in sorted(referenced - set(media)):
                    warnings.append(f"A row refers to the media file {name!r}, which does not exist.")
                manifest = {
                    "format": FORMAT,
                    "format_version": FORMAT_VERSION,
                    "created_at": created_at.isoformat(),
                    "django_version": django.get_version(),
                    "database_vendor": connection.vendor,
                    "data": {"file": DATA_NAME, "sha256": sha256_of(data_path),
                             "size": data_path.stat().st_size, "serialization": "jsonl"},
                    "migrations": migrations,
                    "counts": counts,
                    "media": media,
                    "warnings": warnings,
                }
                _add_bytes(archive, MANIFEST_NAME,
                           json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True).encode())
            os.replace(partial, output)
        finally:
            if partial.exists():
                partial.unlink()
    for warning in warnings:
        log(f"Warning: {warning}")
    log(f"Media: {len(media)} files, {sum(item['size'] for item in media.values())} bytes.")
    return manifest


def _private(info):
    info.mode, info.uid, info.gid, info.uname, info.gname = 0o600, 0, 0, "", ""
    return info


def _add_bytes(archive, name, content):
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mode = 0o600
    info.mtime = int(datetime.datetime.now().timestamp())
    archive.addfile(info, io.BytesIO(content))


# --- Restore ---------------------------------------------------------------------------------

def _safe_media_name(name):
    """The media path inside the archive, refused if it could write outside MEDIA_ROOT."""
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts or name != path.as_posix():
        raise BackupError(f"The archive holds an unsafe file name {name!r}; refusing to restore it.")
    return name


class _Archive:
    """Opens and checks an archive: manifest present and well-formed, data and media intact."""

    def __init__(self, path):
        self.path = Path(path)
        if not self.path.is_file():
            raise BackupError(f"{self.path} does not exist or is not a file.")
        try:
            self.tar = tarfile.open(self.path, mode="r:*")
            self.members = {member.name: member for member in self.tar.getmembers()}
        except READ_ERRORS as error:
            raise BackupError(f"{self.path} is not a readable backup archive (damaged or not a .tar.gz): {error}")
        self.manifest = self._read_manifest()

    def close(self):
        self.tar.close()

    def _open(self, name):
        member = self.members.get(name)
        if member is None or not member.isfile():
            raise BackupError(f"{self.path} is incomplete: {name} is missing.")
        try:
            return self.tar.extractfile(member)
        except READ_ERRORS as error:
            raise BackupError(f"{self.path} is damaged: cannot read {name}: {error}")

    def read(self, name):
        try:
            return self._open(name).read()
        except READ_ERRORS as error:
            raise BackupError(f"{self.path} is damaged: cannot read {name}: {error}")

    def _read_manifest(self):
        try:
            manifest = json.loads(self.read(MANIFEST_NAME).decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise BackupError(f"{self.path}: {MANIFEST_NAME} is not valid JSON: {error}")
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise BackupError(f"{self.path} is not a backup of this portal (no {FORMAT} manifest).")
        if manifest.get("format_version") != FORMAT_VERSION:
            raise BackupError(f"{self.path} has backup format {manifest.get('format_version')}; "
                              f"this code reads format {FORMAT_VERSION}.")
        for key in ("data", "migrations", "counts", "media"):
            if not isinstance(manifest.get(key), dict):
                raise BackupError(f"{self.path}: the manifest lacks {key!r}.")
        return manifest

    def digest(self, name):
        digest, size = hashlib.sha256(), 0
        handle = self._open(name)
        try:
            for block in iter(lambda: handle.read(CHUNK), b""):
                digest.update(block)
                size += len(block)
        except READ_ERRORS as error:
            raise BackupError(f"{self.path} is damaged: cannot read {name}: {error}")
        return digest.hexdigest(), size

    def verify(self):
        """Check every file of the archive against the manifest before anything is touched."""
        data = self.manifest["data"]
        if self.digest(DATA_NAME)[0] != data.get("sha256"):
            raise BackupError(f"{self.path} is damaged: {DATA_NAME} does not match its checksum in the manifest.")
        in_archive = {name[len(MEDIA_PREFIX):] for name, member in self.members.items()
                      if name.startswith(MEDIA_PREFIX) and member.isfile()}
        listed = set(self.manifest["media"])
        if in_archive != listed:
            missing = sorted(listed - in_archive)[:5]
            extra = sorted(in_archive - listed)[:5]
            raise BackupError(f"{self.path} is damaged: media files differ from the manifest "
                              f"(missing: {missing}, not listed: {extra}).")
        for name, expected in self.manifest["media"].items():
            _safe_media_name(name)
            if self.digest(MEDIA_PREFIX + name)[0] != expected.get("sha256"):
                raise BackupError(f"{self.path} is damaged: media file {name} does not match its checksum.")


def check_migrations(manifest, using):
    """Refuse unless the database is fully migrated and at the backup's migration state."""
    connection = connections[using]
    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if pending:
        names = ", ".join(f"{migration.app_label}.{migration.name}" for migration, _backwards in pending[:5])
        raise BackupError(f"The database is not fully migrated (pending: {names}). "
                          "Run `python manage.py migrate` first, then restore.")
    here = migration_state(using)
    there = manifest["migrations"]
    problems = []
    for app_label in sorted(set(here) | set(there)):
        ours = set(here.get(app_label, {}).get("applied", []))
        theirs = set((there.get(app_label) or {}).get("applied", []))
        if theirs - ours:
            problems.append(f"{app_label}: the backup has {', '.join(sorted(theirs - ours))} that this code lacks")
        if ours - theirs:
            problems.append(f"{app_label}: this code has {', '.join(sorted(ours - theirs))} that the backup lacks")
    if problems:
        raise BackupError(
            "The backup was made at another migration state than this code, so its rows may not fit "
            "the tables: " + "; ".join(problems) + ". Restore it with the portal version that made it "
            "(its migrations are listed in manifest.json), then upgrade the code and run migrate."
        )


def rows_in_the_way(archive, models, using):
    """{label: count} of rows already in the database that the restore would lose or mix with.

    A row identical to the backup's row with the same primary key is not in the way: data
    migrations seed some tables (e.g. the budget classification) in every migrated database, and
    loading the backup over them changes nothing. The role groups that migrations create are not
    in the way either: they are replaced by the archive's (same names, maybe other ids)."""
    present = {}
    for model in models:
        queryset = model._base_manager.using(using).all()
        if model is Group:
            queryset = queryset.exclude(name__in=ROLE_GROUPS)
        if queryset.exists():
            present[model._meta.label_lower] = (model, queryset)
    if not present:
        return {}
    archived = {label: {} for label in present}
    for line in io.TextIOWrapper(archive._open(DATA_NAME), encoding="utf-8"):
        if line.strip():
            row = json.loads(line)
            if row.get("model") in archived:
                archived[row["model"]][json.dumps(row.get("pk"))] = row.get("fields")
    in_the_way = {}
    for label, (model, queryset) in present.items():
        stream = io.StringIO()
        with _stored_image_dimensions([model]):
            _Serializer().serialize(queryset.order_by("pk").iterator(), stream=stream)
        differing = 0
        for line in stream.getvalue().splitlines():
            row = json.loads(line)
            if archived[label].get(json.dumps(row["pk"])) != row["fields"]:
                differing += 1
        if differing:
            in_the_way[label] = differing
    return in_the_way


def restore_backup(path, using=DEFAULT_DB_ALIAS, force=False, log=None):
    """Bring the archive back into this database and MEDIA_ROOT; return the manifest."""
    log = log or (lambda message: None)
    archive = _Archive(path)
    try:
        manifest = archive.manifest
        archive.verify()
        check_migrations(manifest, using)
        models = backed_up_models()
        occupied = rows_in_the_way(archive, models, using)
        if occupied and not force:
            listing = ", ".join(f"{label} ({count})" for label, count in sorted(occupied.items())[:8])
            raise BackupError(
                f"The database is not empty, rows not in the backup: {listing}. Restore goes into an empty, "
                "migrated database; use --force to delete ALL its data first (it is replaced by the backup's)."
            )
        unknown = set(manifest["counts"]) - {model._meta.label_lower for model in models} - set(m2m_tables(models))
        if unknown:
            raise BackupError(f"The backup holds tables this code does not have: {', '.join(sorted(unknown))}.")

        media_root = Path(settings.MEDIA_ROOT)
        _restore_media(archive, manifest, media_root)
        log(f"Media: {len(manifest['media'])} files written to {media_root}.")
        loaded = _load_rows(archive, manifest, models, using, flush=bool(occupied), log=log)
        log(f"Database ({connections[using].vendor}): {loaded} rows loaded.")
        for name, expected in manifest["media"].items():
            if sha256_of(media_root / name) != expected["sha256"]:
                raise BackupError(f"Media file {name} differs from the backup after writing it (disk problem?).")
    finally:
        archive.close()
    cache.clear()  # cached pages and the municipality's header would show the old data
    return manifest


def _restore_media(archive, manifest, media_root):
    for name in sorted(manifest["media"]):
        target = media_root / _safe_media_name(name)
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.restoring")
        with open(partial, "wb") as handle:
            handle.write(archive.read(MEDIA_PREFIX + name))
        os.replace(partial, target)


def _load_rows(archive, manifest, models, using, flush, log):
    connection = connections[using]
    with transaction.atomic(using=using):
        if flush:
            log("--force: deleting all rows of the database first.")
            with translation.override(None):  # rebuilt permission names in English, as migrations make them
                call_command("flush", interactive=False, verbosity=0, database=using)
        # The role groups made by migrations would clash by name with the archive's own rows.
        Group.objects.using(using).filter(name__in=ROLE_GROUPS).delete()
        loaded, deferred = 0, []
        with connection.constraint_checks_disabled(), _stored_image_dimensions(models):
            stream = io.TextIOWrapper(archive._open(DATA_NAME), encoding="utf-8")
            try:
                for obj in jsonl.Deserializer(stream, using=using, handle_forward_references=True):
                    obj.save(using=using)
                    loaded += 1
                    if obj.deferred_fields:
                        deferred.append(obj)
                for obj in deferred:
                    obj.save_deferred_fields(using=using)
            except BackupError:
                raise
            except Exception as error:  # any bad row: the transaction rolls everything back
                raise BackupError(f"Loading the rows failed, nothing was changed in the database: {error}")
        try:
            connection.check_constraints(table_names=[model._meta.db_table for model in models])
        except Exception as error:
            raise BackupError(f"The restored rows break the database's constraints, nothing was changed: {error}")
        statements = connection.ops.sequence_reset_sql(no_style(), models)
        if statements:
            with connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)
        _verify_counts(manifest, models, using)
    return loaded


@contextmanager
def _stored_image_dimensions(models):
    """An ImageField fills empty width/height from the file whenever a row is built (post_init).
    Backup and restore keep the stored values as they are, and must not open files (they may be
    missing, or not restored yet)."""
    unhooked = []
    for model in models:
        for field in model._meta.concrete_fields:
            if isinstance(field, ImageField) and (field.width_field or field.height_field):
                if signals.post_init.disconnect(field.update_dimension_fields, sender=model):
                    unhooked.append((model, field))
    try:
        yield
    finally:
        for model, field in unhooked:
            signals.post_init.connect(field.update_dimension_fields, sender=model)


def _verify_counts(manifest, models, using):
    actual = {model._meta.label_lower: model._base_manager.using(using).count() for model in models}
    actual.update({label: through._base_manager.using(using).count() for label, through in m2m_tables(models).items()})
    wrong = [f"{label}: {actual.get(label, 0)} instead of {expected}"
             for label, expected in sorted(manifest["counts"].items()) if actual.get(label, 0) != expected]
    wrong += [f"{label}: {count} rows not in the backup" for label, count in sorted(actual.items())
              if count and label not in manifest["counts"]]
    if wrong:
        raise BackupError("After loading, the row counts differ from the manifest, nothing was changed: "
                          + "; ".join(wrong))
