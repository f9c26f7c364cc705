"""Uploaded files (hearing documents, council resolutions, project photos, any later upload):
stored under names nobody can guess, served only to people who may see the object they belong to.

- `RandomName(folder)` is the `upload_to` of every FileField: `<folder>/<year>/<22 random
  characters><.ext>`; the uploaded name is kept nowhere in the address.
- `serve_upload(request, path)` is the one view behind MEDIA_URL. It finds the row that owns the
  file (any installed model with a FileField and an `is_visible_to(user)` method; a model without
  that method never has its files served: fail closed) and answers 404 unless the row is visible
  to the visitor, so unpublishing an object makes its files unreachable at once. The bytes go
  out through Django's FileResponse, or through nginx (`X-Accel-Redirect`, settings
  MEDIA_X_ACCEL_PREFIX) or Apache/lighttpd (`X-Sendfile`, settings MEDIA_X_SENDFILE): README,
  "Running in production".
- `rename_to_random(...)` is what the data migrations use to move files stored under the old,
  guessable names.
"""
import mimetypes
import posixpath
import re
import secrets
from pathlib import PurePosixPath
from urllib.parse import quote

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.db import models
from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.http import http_date
from django.views.decorators.http import require_safe
from django.views.static import was_modified_since

_EXTENSION = re.compile(r"^\.[a-z0-9]{1,5}$")
TOKEN_BYTES = 16  # 128 random bits, 22 characters


@deconstructible
class RandomName:
    """upload_to: `<folder>/<year>/<random token><.ext>` (extension lower-cased, dropped if odd)."""

    def __init__(self, folder):
        self.folder = folder

    def __call__(self, instance, filename):
        extension = PurePosixPath(filename or "").suffix.lower()
        extension = extension if _EXTENSION.match(extension) else ""
        return f"{self.folder}/{timezone.now():%Y}/{secrets.token_urlsafe(TOKEN_BYTES)}{extension}"

    def __eq__(self, other):
        return isinstance(other, RandomName) and other.folder == self.folder


def file_owners():
    """(model, field name) of every installed model whose files may be served."""
    found = []
    for model in apps.get_models():
        if not callable(getattr(model, "is_visible_to", None)):
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                found.append((model, field.name))
    return found


def find_owner(name):
    """The row whose FileField holds `name`, or None."""
    for model, field_name in file_owners():
        owner = model._default_manager.filter(**{field_name: name}).first()
        if owner is not None:
            return owner
    return None


@require_safe
def serve_upload(request, path):
    """An uploaded file, if the object it belongs to is visible to this visitor; else 404."""
    name = posixpath.normpath(path).lstrip("/")
    if name != path or name.startswith("..") or "\\" in name:
        raise Http404
    owner = find_owner(name)
    if owner is None or not owner.is_visible_to(request.user):
        raise Http404
    try:
        full_path = default_storage.path(name)
        stat = default_storage.size(name), default_storage.get_modified_time(name)
    except (FileNotFoundError, SuspiciousFileOperation, NotImplementedError, OSError):
        raise Http404
    size, modified = stat
    mtime = modified.timestamp()
    # Public files may be kept by browsers but must be asked for again, so that unpublishing
    # takes effect at once; a draft's files are for the person's own browser only.
    public = owner.is_visible_to(AnonymousUser())
    cache_control = "public, no-cache" if public else "private, no-cache"
    if not was_modified_since(request.META.get("HTTP_IF_MODIFIED_SINCE"), mtime):
        response = HttpResponseNotModified()
        response["Cache-Control"] = cache_control
        return response
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    accel_prefix = getattr(settings, "MEDIA_X_ACCEL_PREFIX", "")
    if accel_prefix:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = accel_prefix.rstrip("/") + "/" + quote(name)
    elif getattr(settings, "MEDIA_X_SENDFILE", False):
        response = HttpResponse(content_type=content_type)
        response["X-Sendfile"] = full_path
    else:
        response = FileResponse(open(full_path, "rb"), content_type=content_type)
        response["Content-Length"] = str(size)
    response["Last-Modified"] = http_date(mtime)
    response["Cache-Control"] = cache_control
    # Nothing in an uploaded file may run in the portal's origin.
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    if not content_type.startswith("image/"):
        response["Content-Disposition"] = f"attachment; filename=\"{posixpath.basename(name)}\""
    return response


def rename_to_random(apps_registry, schema_editor, label, field_name, folder):
    """Data migrations: give every file of `label`'s `field_name` a RandomName, on disk and in the
    row (and in the history rows that point at the same file). Files already missing are left as
    they are; a file already under a random name is not touched twice."""
    model = apps_registry.get_model(label)
    app_label, model_name = label.split(".")
    try:
        history = apps_registry.get_model(app_label, f"Historical{model_name}")
    except LookupError:
        history = None
    make_name = RandomName(folder)
    random_name = re.compile(rf"^{re.escape(folder)}/\d{{4}}/[A-Za-z0-9_-]{{22}}(\.[a-z0-9]{{1,5}})?$")
    for pk, old in model._default_manager.exclude(**{field_name: ""}).values_list("pk", field_name):
        if random_name.match(old) or not default_storage.exists(old):
            continue
        with default_storage.open(old, "rb") as content:
            new = default_storage.save(make_name(None, old), content)
        model._default_manager.filter(pk=pk).update(**{field_name: new})
        if history is not None:
            history._default_manager.filter(**{field_name: old}).update(**{field_name: new})
        default_storage.delete(old)
