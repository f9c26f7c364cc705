"""Backups: what `manage.py backup` writes comes back with `manage.py restore`, row for row and
byte for byte, on whichever database the suite runs (SQLite locally, PostgreSQL in CI); and a
restore that would lose data or cannot be trusted is refused with a clear message."""
import datetime
import hashlib
import io
import json
import shutil
import stat
import tarfile

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from core.models import CouncilResolution, Village

# A real 1×1 PNG: the smallest image a photo field accepts.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
PDF = "%PDF-1.4\n% Токтом 1/5\n%%EOF\n".encode()
# Rows that legitimately differ after a restore: sessions and login lockouts are not backed up.
NOT_COMPARED_APPS = {"sessions", "axes"}


def quiet(*args, **kwargs):
    call_command(*args, stdout=io.StringIO(), stderr=io.StringIO(), **kwargs)


def every_row():
    """{model label: sorted rows} of every table, references to ContentType and Permission
    (rebuilt and renumbered by `migrate`/`flush` on each database, not restored) written as their
    natural keys."""
    natural = {
        ContentType: {ct.pk: ct.natural_key() for ct in ContentType.objects.all()},
        Permission: {p.pk: p.natural_key() for p in Permission.objects.select_related("content_type")},
    }
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or meta.app_label in NOT_COMPARED_APPS:
            continue
        renumbered = {field.attname: field.related_model for field in meta.concrete_fields
                      if field.is_relation and field.related_model in natural}
        rows = []
        for row in model._base_manager.values():
            for attname, related in renumbered.items():
                if row[attname] is not None:
                    row[attname] = natural[related][row[attname]]
            if model in natural or meta.auto_created:
                # The surrogate id of a many-to-many link is not data (links travel as pairs).
                row.pop("id")
                row.pop("name", None)  # permission names are rebuilt in the language active then
            rows.append(row)
        tables[meta.label_lower] = sorted(rows, key=repr)
    return tables


def every_media_file(root):
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in root.rglob("*") if path.is_file()}


def add_media_and_history(staff):
    """A resolution's scan, a progress photo if that app has one, and a history row by a user."""
    resolution = CouncilResolution.objects.get(number="1/5")
    resolution.file.save("tokto-1-5.pdf", ContentFile(PDF))
    village = Village.objects.get(name="Ажек")
    village.notes = "Сел каптоо коркунучу — дамба 2023"
    village._history_user = staff
    village.save()
    from projects.models import ProgressPhoto, ProgressUpdate, Project

    update = ProgressUpdate.objects.create(project=Project.objects.order_by("pk").first(),
                                           date=datetime.date(2023, 5, 2), text="Дамбанын негизи куюлду")
    photo = ProgressPhoto(update=update, caption="Дамба")
    photo.image.save("dam.png", ContentFile(PNG))


def rewrite_archive(source, target, change):
    """Copy an archive, passing each member's bytes through change(name, content)."""
    with tarfile.open(source) as old, tarfile.open(target, "w:gz") as new:
        for member in old.getmembers():
            content = change(member.name, old.extractfile(member).read())
            member.size = len(content)
            new.addfile(member, io.BytesIO(content))


@pytest.fixture
def filled(demo_data, settings):
    staff = User.objects.get(username="staff")
    add_media_and_history(staff)
    return settings.MEDIA_ROOT


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
class TestRoundTrip:
    def test_every_row_and_every_media_file_comes_back_after_a_flush(self, filled, tmp_path):
        before = every_row()
        media_before = every_media_file(filled)
        assert before["core.historicalvillage"] and before["auth.group"] and before["auth.user"]
        assert any(row["history_user_id"] for row in before["core.historicalvillage"])
        assert any(name.endswith(".pdf") for name in media_before)
        assert PNG in media_before.values()
        assert before["projects.progressphoto"]
        # Every language of the content is in the rows compared below (core.bilingual).
        assert all(row["topic_ky"] and row["topic_ru"] for row in before["hearings.hearing"])
        assert any(row["name_ru"] for row in before["budget.budgetline"])
        archive = tmp_path / "portal.tar.gz"

        quiet("backup", "--output", str(archive))
        quiet("flush", interactive=False)
        shutil.rmtree(filled)
        assert not Village.objects.exists() and not Group.objects.filter(name="staff").exists()
        out = io.StringIO()
        call_command("restore", str(archive), stdout=out)

        after = every_row()
        for label in before:
            assert after[label] == before[label], f"{label} differs after restore"
        assert every_media_file(filled) == media_before
        assert "all checked against the manifest" in out.getvalue()
        biggest = max(row["id"] for row in before["core.village"])
        assert Village.objects.create(name="Жаңы айыл").pk > biggest  # sequences were reset

    def test_force_replaces_changed_data_with_the_backup(self, filled, tmp_path):
        before = every_row()
        archive = tmp_path / "portal.tar.gz"
        quiet("backup", "--output", str(archive))
        Village.objects.filter(name="Ажек").update(population=1)
        Village.objects.create(name="Жаңы айыл")
        Group.objects.get(name="deputies").permissions.clear()

        quiet("restore", str(archive), "--force")

        after = every_row()
        for label in before:
            assert after[label] == before[label], f"{label} differs after restore --force"

    def test_a_failed_forced_restore_leaves_the_database_as_it_was(self, filled, tmp_path):
        good, bad = tmp_path / "good.tar.gz", tmp_path / "bad.tar.gz"
        quiet("backup", "--output", str(good))
        Village.objects.create(name="Жаңы айыл")
        before = every_row()

        def break_a_row(name, content):
            # A row that cannot load; the manifest's checksum is made to fit so that only loading fails.
            if name == "data.jsonl":
                content = content.replace(b'"population": 1600', b'"population": "many"')
            return content

        rewrite_archive(good, tmp_path / "step.tar.gz", break_a_row)
        with tarfile.open(tmp_path / "step.tar.gz") as step:
            data = step.extractfile("data.jsonl").read()

        def fit_manifest(name, content):
            if name == "manifest.json":
                manifest = json.loads(content)
                manifest["data"]["sha256"] = hashlib.sha256(data).hexdigest()
                content = json.dumps(manifest).encode()
            return content

        rewrite_archive(tmp_path / "step.tar.gz", bad, fit_manifest)
        assert b'"population": "many"' in data

        with pytest.raises(CommandError, match="nothing was changed"):
            quiet("restore", str(bad), "--force")
        assert every_row() == before


@pytest.mark.django_db
class TestBackupArchive:
    def test_manifest_describes_the_backup(self, filled, tmp_path):
        archive = tmp_path / "portal.tar.gz"
        out = io.StringIO()
        call_command("backup", "--output", str(archive), stdout=out)
        assert f"Backup written to {archive}" in out.getvalue()
        assert stat.S_IMODE(archive.stat().st_mode) == 0o600  # password hashes and personal data inside
        with tarfile.open(archive) as tar:
            manifest = json.loads(tar.extractfile("manifest.json").read())
            names = tar.getnames()
        assert manifest["database_vendor"] == connection.vendor
        assert manifest["django_version"].startswith("5.")
        assert manifest["created_at"]
        assert "0002_roles" in manifest["migrations"]["portal"]["applied"]
        assert manifest["migrations"]["portal"]["latest"]
        assert manifest["counts"]["core.village"] == Village.objects.count() == 2
        assert manifest["counts"]["auth.user"] == User.objects.count()
        assert "sessions.session" not in manifest["counts"]
        scan = CouncilResolution.objects.get(number="1/5").file.name
        assert manifest["media"][scan]["sha256"] == hashlib.sha256(PDF).hexdigest()
        assert f"media/{scan}" in names and "data.jsonl" in names

    def test_backup_never_overwrites_an_archive(self, municipality, tmp_path):
        archive = tmp_path / "portal.tar.gz"
        archive.write_bytes(b"yesterday's backup")
        with pytest.raises(CommandError, match="already exists"):
            quiet("backup", "--output", str(archive))
        assert archive.read_bytes() == b"yesterday's backup"


@pytest.mark.django_db
class TestRestoreRefuses:
    @pytest.fixture
    def archive(self, municipality, tmp_path, settings):
        Village.objects.create(name="Айры-Там", population=2400)
        resolution = CouncilResolution.objects.create(number="23", date="2017-11-22", title="Программа")
        resolution.file.save("tokto-23.pdf", ContentFile(PDF))
        path = tmp_path / "portal.tar.gz"
        quiet("backup", "--output", str(path))
        return path

    def test_a_database_with_other_data_unless_forced(self, archive):
        Village.objects.create(name="Ажек")
        with pytest.raises(CommandError, match="The database is not empty.*core.village.*--force"):
            quiet("restore", str(archive))
        assert Village.objects.filter(name="Ажек").exists()

    def test_a_changed_row_counts_as_other_data(self, archive):
        Village.objects.filter(name="Айры-Там").update(population=1)
        with pytest.raises(CommandError, match="not empty"):
            quiet("restore", str(archive))
        assert Village.objects.get(name="Айры-Там").population == 1

    def test_a_file_that_is_no_archive(self, tmp_path):
        junk = tmp_path / "notes.tar.gz"
        junk.write_text("not a backup")
        with pytest.raises(CommandError, match="not a readable backup archive"):
            quiet("restore", str(junk))

    def test_a_truncated_archive(self, archive, tmp_path):
        cut = tmp_path / "cut.tar.gz"
        cut.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
        with pytest.raises(CommandError, match="damaged|not a readable|incomplete"):
            quiet("restore", str(cut))

    def test_a_media_file_changed_inside_the_archive(self, archive, tmp_path):
        changed = tmp_path / "changed.tar.gz"
        rewrite_archive(archive, changed,
                        lambda name, content: content + b"x" if name.endswith(".pdf") else content)
        with pytest.raises(CommandError, match="damaged: media file resolutions/.*checksum"):
            quiet("restore", str(changed))

    def test_a_missing_archive(self, tmp_path):
        with pytest.raises(CommandError, match="does not exist"):
            quiet("restore", str(tmp_path / "nowhere.tar.gz"))

    @pytest.mark.parametrize("change,message", [
        (lambda applied: applied + ["0099_from_the_future"],
         "the backup has 0099_from_the_future that this code lacks"),
        (lambda applied: applied[:1], "this code has 0002_roles[^;]* that the backup lacks"),
    ])
    def test_a_backup_from_another_migration_state(self, archive, tmp_path, change, message):
        def edit(name, content):
            if name == "manifest.json":
                manifest = json.loads(content)
                portal = manifest["migrations"]["portal"]
                portal["applied"] = change(sorted(portal["applied"]))
                content = json.dumps(manifest).encode()
            return content

        other = tmp_path / "other.tar.gz"
        rewrite_archive(archive, other, edit)
        with pytest.raises(CommandError, match=f"another migration state.*{message}"):
            quiet("restore", str(other))


@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="SQLite's test database lives in shared-cache memory, which has no WAL snapshots")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_backup_reads_one_snapshot_while_staff_keep_saving(municipality):
    """What another connection commits during a backup neither waits nor shows up half-way."""
    import threading

    from django.db import connections

    from core.backups import read_snapshot

    Village.objects.create(name="Айры-Там")

    def staff_save():
        Village.objects.create(name="Ажек")
        connections["default"].close()

    with read_snapshot("default"):
        first = Village.objects.count()
        writer = threading.Thread(target=staff_save)
        writer.start()
        writer.join(timeout=20)
        assert not writer.is_alive(), "the backup blocked a staff member's save"
        assert Village.objects.count() == first == 1
    assert Village.objects.count() == 2
