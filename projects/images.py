"""Progress photos: accept only real, reasonably sized images, and keep a clean copy.

A photo is checked by its content, never its name: Pillow must recognise it as JPEG, PNG or WebP,
`verify()` must pass, and the pixels must decode whole. The header's size is checked before
decoding, so a small file that unpacks into billions of pixels (a decompression bomb) is refused
cheaply. What is stored is a re-encoded JPEG at phone size: no EXIF (GPS, camera serial) survives,
and nothing but pixels reaches the server's disk.
"""
import io
import threading
import uuid
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 40_000_000
MAX_SIDE = 1280
JPEG_QUALITY = 80
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP"}

NOT_AN_IMAGE = _("This file is not a photo we can read. Upload a JPEG, PNG or WebP image.")
TOO_LARGE = _("This file is too large: a photo may be at most %(megabytes)s MB.")
TOO_MANY_PIXELS = _("This image is too large: at most %(megapixels)s megapixels.")
BROKEN = _("This image is damaged or incomplete. Please upload it again.")

_strict_lock = threading.Lock()


@contextmanager
def strict_decoding():
    """WeasyPrint sets Pillow's process-wide ImageFile.LOAD_TRUNCATED_IMAGES = True when it is
    imported (after the first PDF), which would let a cut-off upload through as a grey-padded
    picture. Decode uploads with it off; the lock keeps two uploads from restoring it in turn."""
    with _strict_lock:
        previous = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            yield
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = previous


def prepare_photo(upload):
    """Check an uploaded file and return a re-encoded JPEG (ContentFile), or raise ValidationError."""
    if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(TOO_LARGE, code="too_large", params={"megabytes": MAX_UPLOAD_BYTES // (1024 * 1024)})
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            if probe.format not in ACCEPTED_FORMATS:
                raise ValidationError(NOT_AN_IMAGE, code="format")
            width, height = probe.size
            if width * height > MAX_PIXELS:
                raise ValidationError(TOO_MANY_PIXELS, code="pixels",
                                      params={"megapixels": MAX_PIXELS // 1_000_000})
            probe.verify()
    except Image.DecompressionBombError:
        raise ValidationError(TOO_MANY_PIXELS, code="pixels", params={"megapixels": MAX_PIXELS // 1_000_000})
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise ValidationError(NOT_AN_IMAGE, code="invalid")

    # verify() leaves the image unusable: open it again to decode the pixels.
    try:
        upload.seek(0)
        with strict_decoding(), Image.open(upload) as image:
            image.load()  # a truncated file fails here
            image = ImageOps.exif_transpose(image)  # keep the photo upright once EXIF is gone
            image = _flatten(image)
            image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
            output = io.BytesIO()
            image.save(output, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    except Image.DecompressionBombError:
        raise ValidationError(TOO_MANY_PIXELS, code="pixels", params={"megapixels": MAX_PIXELS // 1_000_000})
    except (OSError, SyntaxError, ValueError, EOFError):
        raise ValidationError(BROKEN, code="broken")
    return ContentFile(output.getvalue(), name=f"{uuid.uuid4().hex}.jpg")


def _flatten(image):
    """RGB on white: JPEG has no transparency, and palette or CMYK images need converting."""
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        image = image.convert("RGBA")
        background = Image.new("RGB", image.size, (255, 255, 255))
        background.paste(image, mask=image.getchannel("A"))
        return background
    if image.mode != "RGB":
        return image.convert("RGB")
    return image
