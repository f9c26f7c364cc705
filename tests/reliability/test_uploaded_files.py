"""Issue #15 item 1: uploaded files are served only to those who may see their object, under
names nobody can guess, privately cached when not public; unpublishing hides them at once."""
import io
import re

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
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
                                     {"title": "Протокол", "file": upload})
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


@pytest.mark.django_db(transaction=True)
def test_migration_renames_files_on_disk_and_in_rows():
    executor = MigrationExecutor(connection)
    before = [("hearings", "0002_alter_historicalproposal_status_and_more"),
              ("portal", "0003_council_session_pack")]
    after = [("hearings", "0003_document_files_random_names"), ("portal", "0004_resolution_files_random_names")]
    executor.migrate(before)
    old_apps = executor.loader.project_state(before).apps
    Village = old_apps.get_model("portal", "Village")
    Hearing_ = old_apps.get_model("hearings", "Hearing")
    Document = old_apps.get_model("hearings", "HearingDocument")
    Resolution = old_apps.get_model("portal", "CouncilResolution")
    from django.utils import timezone

    village = Village.objects.create(name="Ажек")
    hearing = Hearing_.objects.create(kind="other", topic="t", starts_at=timezone.now(), village=village,
                                      place="p", status="draft")
    old_doc = default_storage.save("hearings/2024/minutes.pdf", ContentFile(PDF))
    Document.objects.create(hearing=hearing, title="t", file=old_doc)
    old_res = default_storage.save("resolutions/2023/budget-2024.pdf", ContentFile(PDF))
    Resolution.objects.create(number="5", date="2023-12-20", title="r", file=old_res)
    Resolution.objects.create(number="6", date="2023-12-21", title="no file")

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    new_doc = HearingDocument.objects.get().file.name
    assert RANDOM_NAME.match(new_doc), new_doc
    assert default_storage.open(new_doc).read() == PDF
    assert not default_storage.exists(old_doc)
    from portal.models import CouncilResolution

    new_res = CouncilResolution.objects.get(number="5").file.name
    assert new_res.startswith("resolutions/") and "budget" not in new_res
    assert default_storage.exists(new_res) and not default_storage.exists(old_res)
    assert CouncilResolution.objects.get(number="6").file.name == ""
