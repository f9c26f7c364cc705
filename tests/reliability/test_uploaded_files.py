"""Issue #15 item 1: uploaded files are served only to those who may see their object, under
names nobody can guess, privately cached when not public; unpublishing hides them at once."""
import io
import re

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.urls import reverse
from PIL import Image

from hearings.models import Hearing, HearingDocument
from projects.models import ProgressPhoto
from tests.factories import CouncilResolutionFactory
from tests.hearings.factories import HearingFactory
from tests.projects.factories import DraftProjectFactory, ProgressUpdateFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
RANDOM_NAME = re.compile(r"^hearings/\d{4}/[A-Za-z0-9_-]{22}\.pdf$")


def _document(hearing, name="minutes-of-the-draft.pdf"):
    return HearingDocument.objects.create(hearing=hearing, title="Протокол", file=ContentFile(PDF, name=name))


@pytest.mark.django_db
class TestDocumentsOfDrafts:
    def test_draft_document_is_hidden_from_citizens_and_private_for_staff(self, client, staff_client):
        document = _document(HearingFactory(status="draft"))
        assert client.get(document.file.url).status_code == 404
        response = staff_client.get(document.file.url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF
        assert response["Cache-Control"].startswith("private")
        assert response["Content-Disposition"].startswith("attachment")

    def test_published_document_is_public_and_revalidated(self, client):
        document = _document(HearingFactory(status="published"))
        response = client.get(document.file.url)
        assert response.status_code == 200
        assert response["Cache-Control"] == "public, no-cache"
        assert response["X-Content-Type-Options"] == "nosniff"
        again = client.get(document.file.url, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
        assert again.status_code == 304

    def test_unpublishing_makes_the_file_unreachable_at_once(self, client):
        hearing = HearingFactory(status="published")
        document = _document(hearing)
        assert client.get(document.file.url).status_code == 200
        Hearing.objects.get(pk=hearing.pk).unpublish()
        assert client.get(document.file.url).status_code == 404

    def test_uploaded_name_is_not_the_stored_name(self, staff_client):
        hearing = HearingFactory(status="draft")
        upload = SimpleUploadedFile("minutes-of-the-draft.pdf", PDF, content_type="application/pdf")
        response = staff_client.post(reverse("hearings:staff_document", args=[hearing.pk]),
                                     {"title": "Протокол", "title_ky": "Протокол", "title_ru": "Протокол", "file": upload})
        assert response.status_code == 302
        name = HearingDocument.objects.get().file.name
        assert RANDOM_NAME.match(name), name
        assert "minutes" not in name

    def test_draft_project_photo_is_hidden(self, client, staff_client):
        buffer = io.BytesIO()
        Image.new("RGB", (20, 10), "white").save(buffer, format="JPEG")
        update = ProgressUpdateFactory(project=DraftProjectFactory())
        photo = ProgressPhoto.objects.create(update=update, image=ContentFile(buffer.getvalue(), name="x.jpg"))
        assert client.get(photo.image.url).status_code == 404
        response = staff_client.get(photo.image.url)
        assert response.status_code == 200 and response["Cache-Control"].startswith("private")


@pytest.mark.django_db
class TestNoBlanketServing:
    def test_a_file_no_row_owns_is_not_served(self, client):
        default_storage.save("hearings/2024/left-over.pdf", ContentFile(PDF))
        assert client.get("/media/hearings/2024/left-over.pdf").status_code == 404

    @pytest.mark.parametrize("path", ["/media/../portal/settings.py", "/media/%2e%2e/portal/settings.py",
                                      "/media//etc/passwd", "/media/hearings/../../manage.py"])
    def test_paths_outside_media_are_not_served(self, client, path):
        assert client.get(path).status_code == 404

    def test_post_is_refused(self, client):
        document = _document(HearingFactory(status="published"))
        assert client.post(document.file.url).status_code == 405

    def test_nginx_sends_the_bytes_when_configured(self, client, settings):
        settings.MEDIA_X_ACCEL_PREFIX = "/protected-media/"
        resolution = CouncilResolutionFactory(file=ContentFile(PDF, name="t.pdf"))
        response = client.get(resolution.file.url)
        assert response.status_code == 200
        assert response["X-Accel-Redirect"] == "/protected-media/" + resolution.file.name
        assert response.content == b""


def test_every_model_with_files_says_who_may_see_them():
    """Fail closed: a model without is_visible_to never has its files served, so every one must
    have it (history tables excluded: they are never served)."""
    missing = []
    for model in apps.get_models():
        if model.__name__.startswith("Historical"):
            continue
        if any(isinstance(field, models.FileField) for field in model._meta.concrete_fields):
            if not callable(getattr(model, "is_visible_to", None)):
                missing.append(model._meta.label)
            for field in model._meta.concrete_fields:
                if isinstance(field, models.FileField):
                    name = field.generate_filename(None, "Протокол 2024.PDF")
                    assert "2024" not in name.rsplit("/", 1)[-1], (model, name)
    assert not missing


def test_migration_renames_files_on_disk_and_in_rows(tmp_path):
    """On a database of its own (a subprocess), so that going back and forth in the migrations
    leaves the test database alone: rows and files made under the old names, then migrated."""
    import json
    import os
    import subprocess
    import sys

    from django.conf import settings

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings", "DJANGO_DEBUG": "1",
           "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
           "CACHE_URL": "locmem://"}

    def manage(*args):
        result = subprocess.run([sys.executable, "manage.py", *args], capture_output=True, text=True, env=env,
                                cwd=settings.BASE_DIR)
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    manage("migrate", "-v0")
    manage("shell", "-c", """
from pathlib import Path
from django.conf import settings
from django.utils import timezone
from hearings.models import Hearing, HearingDocument
from core.models import CouncilResolution, Village
for name in ("hearings/2024/minutes.pdf", "resolutions/2023/budget-2024.pdf"):
    (Path(settings.MEDIA_ROOT) / name).parent.mkdir(parents=True, exist_ok=True)
    (Path(settings.MEDIA_ROOT) / name).write_bytes(b"%PDF-1.4 old")
hearing = Hearing.objects.create(kind="other", topic="t", starts_at=timezone.now(),
                                 village=Village.objects.create(name="A"), place="p")
HearingDocument.objects.create(hearing=hearing, title="t", file="hearings/2024/minutes.pdf")
CouncilResolution.objects.create(number="5", date="2023-12-20", title="r", file="resolutions/2023/budget-2024.pdf")
CouncilResolution.objects.create(number="6", date="2023-12-21", title="no file")
""")
    # The data step of each migration, as `migrate` runs it (later migrations changed the schema
    # the rows were written with, so the rows are made at today's schema and the step run on them).
    manage("shell", "-v0", "-c", """
import importlib
from django.apps import apps
for name in ("hearings.migrations.0004_document_files_random_names",
             "core.migrations.0003_resolution_files_random_names"):
    for operation in importlib.import_module(name).Migration.operations:
        if hasattr(operation, "code"):
            operation.code(apps, None)
""")
    names = json.loads(manage("shell", "-v0", "-c", """
import json
from hearings.models import HearingDocument
from core.models import CouncilResolution
print(json.dumps({"document": HearingDocument.objects.get().file.name,
                  "resolution": CouncilResolution.objects.get(number="5").file.name,
                  "history": sorted(CouncilResolution.history.values_list("file", flat=True)),
                  "empty": CouncilResolution.objects.get(number="6").file.name}))
""").strip().splitlines()[-1])
    media = tmp_path / "media"
    assert RANDOM_NAME.match(names["document"]), names
    assert (media / names["document"]).read_bytes() == b"%PDF-1.4 old"
    assert not (media / "hearings/2024/minutes.pdf").exists()
    assert names["resolution"].startswith("resolutions/") and "budget" not in names["resolution"]
    assert (media / names["resolution"]).exists() and not (media / "resolutions/2023/budget-2024.pdf").exists()
    assert names["empty"] == ""
    # The history rows follow the file, so that backups find every file they name.
    assert names["history"] == ["", names["resolution"]]
