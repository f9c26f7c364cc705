"""Operations on several models at once, each all or nothing."""
from django.db import transaction
from django.db.models import F

from core.cache import bump_content_version
from hearings.models import Proposal


@transaction.atomic
def save_project(form, contributions):
    """Save a project, its contributions and the proposals it answers together, or nothing.
    Both form and formset must be valid. Returns None when the project form was stale
    (someone else saved first): then everything is rolled back."""
    project = form.save()
    if project is None:
        transaction.set_rollback(True)
        return None
    contributions.instance = project
    contributions.save()
    link_proposals(project, form.cleaned_data.get("proposals") or [])
    return project


def link_proposals(project, proposals):
    """Point exactly these proposals at the project. The proposals' version is bumped so that a
    colleague editing one of them at the same time is told, instead of undoing the link."""
    chosen = [proposal.pk for proposal in proposals]
    Proposal.objects.filter(project=project).exclude(pk__in=chosen).update(project=None, version=F("version") + 1)
    Proposal.objects.filter(pk__in=chosen).exclude(project=project).update(project=project,
                                                                          version=F("version") + 1)
    bump_content_version()  # queryset updates send no model signal


@transaction.atomic
def save_progress_update(form, photos, project=None):
    """Save a progress update with its photos, or nothing."""
    update = form.save(commit=False)
    if project is not None:
        update.project = project
    update.save()
    photos.instance = update
    photos.save()
    # A removed photo must not stay reachable by its address.
    for photo in photos.deleted_objects:
        photo.image.delete(save=False)
    return update
