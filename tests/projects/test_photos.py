"""Progress photos: only real images, small enough, stored without EXIF at phone size; never shown
for a draft project."""
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse as django_reverse
from django.utils import translation
from PIL import Image

from projects.models import ProgressPhoto, ProgressUpdate, Project
from tests.projects.factories import DraftProjectFactory, ProgressUpdateFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def reverse(name, *args, **kwargs):
    with translation.override("en"):
        return django_reverse(name, *args, **kwargs)


def image_bytes(size=(40, 30), format="JPEG", mode="RGB", **save_kwargs):
    buffer = io.BytesIO()
    Image.new(mode, size, "white" if mode != "1" else 1).save(buffer, format=format, **save_kwargs)
    return buffer.getvalue()


def noisy_jpeg(size=(400, 300)):
    """A photo-like JPEG (noise does not compress), so that cutting it leaves a valid header."""
    import os

    buffer = io.BytesIO()
    Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3)).save(buffer, format="JPEG")
    return buffer.getvalue()


def upload(content, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def post_update(client, project, photos, text="Түтүк тартылды"):
    data = {
        "update-date": "2024-05-01",
        "update-text_ky": text,
        "photos-TOTAL_FORMS": str(len(photos)),
        "photos-INITIAL_FORMS": "0",
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "12",
    }
    for index, (file, caption) in enumerate(photos):
        data[f"photos-{index}-image"] = file
        data[f"photos-{index}-caption_ky"] = caption
    return client.post(reverse("projects:update_create", args=[project.pk]), data)


class TestBadFilesAreRefused:
    @pytest.mark.parametrize("make_file,message", [
        (lambda: upload(b"just some text, not a picture\n" * 10, name="photo.jpg"), "not a photo we can read"),
        (lambda: upload(noisy_jpeg()[:20000], name="cut.jpg"), "damaged or incomplete"),
        (lambda: upload(image_bytes(format="GIF", mode="P"), name="anim.gif", content_type="image/gif"),
         "not a photo we can read"),
        # A tiny file that would unpack into 64 megapixels: refused from its header, never decoded.
        (lambda: upload(image_bytes((8000, 8000), format="PNG", mode="1"), name="bomb.png",
                        content_type="image/png"), "at most 40 megapixels"),
        # A real photo followed by 9 MB of padding: over the upload limit.
        (lambda: upload(image_bytes() + b"\0" * (9 * 1024 * 1024), name="big.jpg"), "at most 8 MB"),
    ], ids=["text-named-jpg", "truncated-jpeg", "gif", "decompression-bomb", "too-large"])
    def test_staff_get_a_clear_message_and_nothing_is_saved(self, staff_client, make_file, message):
        project = ProjectFactory()
        response = post_update(staff_client, project, [(upload(image_bytes()), "good one"), (make_file(), "bad")])
        assert response.status_code == 200
        assert message in response.content.decode()
        assert not ProgressUpdate.objects.exists() and not ProgressPhoto.objects.exists()

    def test_a_truncated_jpeg_is_refused_even_after_a_pdf_was_rendered(self, staff_client):
        import weasyprint  # noqa: F401  (it turns Pillow's LOAD_TRUNCATED_IMAGES on for the process)
        from PIL import ImageFile

        ImageFile.LOAD_TRUNCATED_IMAGES = True
        response = post_update(staff_client, ProjectFactory(), [(upload(noisy_jpeg()[:20000]), "")])
        assert "damaged or incomplete" in response.content.decode()
        assert not ProgressUpdate.objects.exists()
        assert ImageFile.LOAD_TRUNCATED_IMAGES is True  # left as WeasyPrint wants it

    def test_a_caption_without_a_photo_is_refused(self, staff_client):
        response = post_update(staff_client, ProjectFactory(), [(b"", "Сүрөттүн аты")])
        assert "Choose the photo this caption is for." in response.content.decode()
        assert not ProgressUpdate.objects.exists()


class TestGoodPhotos:
    def test_a_png_is_resized_re_encoded_and_stripped_of_exif(self, staff_client, client):
        exif = Image.Exif()
        exif[0x010F] = "SecretCameraMaker"  # Make
        exif[0x8825] = {2: (42, 0, 0)}  # GPS info
        png = image_bytes((2000, 1000), format="PNG", exif=exif.tobytes())
        assert b"SecretCameraMaker" in png
        project = ProjectFactory()
        response = post_update(staff_client, project, [(upload(png, "field.png", "image/png"), "Жумушчулар"),
                                                        (upload(image_bytes((300, 600))), "")])
        assert response.status_code == 302
        first, second = ProgressPhoto.objects.order_by("pk")
        stored = first.image.read()
        assert b"SecretCameraMaker" not in stored
        with Image.open(io.BytesIO(stored)) as image:
            assert image.format == "JPEG"
            assert image.size == (1280, 640)
            assert not image.getexif()
        assert (first.width, first.height) == (1280, 640) and (second.width, second.height) == (300, 600)
        assert first.image.name.startswith("projects/") and first.image.name.endswith(".jpg")

        html = client.get(reverse("projects:detail", args=[project.pk])).content.decode()
        assert f'src="{first.image.url}" width="1280" height="640"' in html
        assert 'alt="Жумушчулар"' in html
        assert f'src="{second.image.url}"' in html and 'alt="Photo of the work, 01.05.2024"' in html

    def test_the_stored_photo_is_served_with_safe_headers(self, staff_client, client):
        project = ProjectFactory()
        post_update(staff_client, project, [(upload(image_bytes()), "Көпүрө")])
        response = client.get(ProgressPhoto.objects.get().image.url)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/jpeg"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "sandbox" in response["Content-Security-Policy"]

    def test_staff_delete_a_photo_and_its_file_goes(self, staff_client):
        project = ProjectFactory()
        post_update(staff_client, project, [(upload(image_bytes()), "Эски")])
        photo = ProgressPhoto.objects.get()
        path = photo.image.path
        update = photo.update
        data = {
            "update-date": "2024-05-02", "update-text_ky": "Оңдолду",
            "photos-TOTAL_FORMS": "1", "photos-INITIAL_FORMS": "1", "photos-MIN_NUM_FORMS": "0",
            "photos-MAX_NUM_FORMS": "12", "photos-0-id": str(photo.pk), "photos-0-update": str(update.pk),
            "photos-0-caption_ky": "Эски", "photos-0-DELETE": "on",
        }
        response = staff_client.post(reverse("projects:update_edit", kwargs={"update_pk": update.pk}), data)
        assert response.status_code == 302
        assert not ProgressPhoto.objects.exists()
        import os
        assert not os.path.exists(path)


class TestDraftPhotosStayHidden:
    def test_a_draft_projects_updates_and_photos_are_not_public(self, staff_client, client):
        project = DraftProjectFactory(title="DraftWithPhoto")
        post_update(staff_client, project, [(upload(image_bytes()), "Жашыруун сүрөт")])
        photo = ProgressPhoto.objects.get()
        assert client.get(reverse("projects:detail", args=[project.pk])).status_code == 404
        for url in (reverse("projects:list"), "/en/"):
            html = client.get(url).content.decode()
            assert photo.image.url not in html and "DraftWithPhoto" not in html
        # Staff see it, to check it before publishing.
        assert photo.image.url in staff_client.get(reverse("projects:detail", args=[project.pk])).content.decode()

    def test_unpublishing_hides_the_photos_again(self, client):
        update = ProgressUpdateFactory(project=ProjectFactory())
        ProgressPhoto.objects.create(update=update, image=upload(image_bytes(), "x.jpg"), caption="Көрүнөт")
        url = reverse("projects:detail", args=[update.project.pk])
        assert "Көрүнөт" in client.get(url).content.decode()
        Project.objects.get().unpublish()
        assert client.get(url).status_code == 404
