"""The projects' entries of the permission matrix (tests/test_permission_matrix.py)."""
import datetime

from tests.test_permission_matrix import DRAFT, PUBLIC, STAFF_ONLY, Entry


def published(o):
    return {"pk": o.published("projects.Project").pk}


def draft(o):
    return {"pk": o.draft("projects.Project").pk}


def started_year(o):
    # The demo's projects carry no start date: give the published one a year of its own PDF.
    from projects.models import Project

    Project.objects.filter(pk=o.published("projects.Project").pk).update(started_on=datetime.date(2024, 3, 1))
    return {"year": 2024}


def progress_update(o):
    # The seed reports no progress updates, so the demo has none: make one for the check.
    from projects.models import ProgressUpdate

    update, _created = ProgressUpdate.objects.get_or_create(
        project=o.any("projects.Project"), date=datetime.date(2024, 5, 1), defaults={"text": "Текшерүү"})
    return {"update_pk": update.pk}


MATRIX = {
    "projects:list": Entry(PUBLIC, query="?state=done&source=contest_prize"),
    "projects:list_pdf": Entry(PUBLIC),
    "projects:list_pdf_year": Entry(PUBLIC, lambda o: started_year(o)),
    "projects:csv": Entry(PUBLIC),
    "projects:xlsx": Entry(PUBLIC),
    "projects:funding_csv": Entry(PUBLIC),
    "projects:funding_xlsx": Entry(PUBLIC),
    "projects:detail": Entry(DRAFT, draft),
    "projects:card_pdf": Entry(PUBLIC, published),
    "projects:staff_list": Entry(STAFF_ONLY, query="?quiet=1"),
    "projects:create": Entry(STAFF_ONLY),
    "projects:edit": Entry(STAFF_ONLY, draft),
    "projects:update_create": Entry(STAFF_ONLY, published),
    "projects:update_edit": Entry(STAFF_ONLY, progress_update),
    "projects:update_delete": Entry(STAFF_ONLY, lambda o: {"pk": progress_update(o)["update_pk"]}),
}
