from django.conf import settings
from django.urls import translate_url

from core import roles
from core.models import Municipality


def portal(request):
    """What the layout needs on every page: the municipality (cached, no query on most pages),
    the visitor's role, and the same page in the other languages."""
    user = getattr(request, "user", None)
    path = request.get_full_path()
    return {
        "municipality": Municipality.current(),
        "user_can_edit": roles.can_edit(user),
        "user_can_publish": roles.can_publish(user),
        "user_can_see_drafts": roles.can_see_drafts(user),
        "user_can_print_pack": roles.can_print_pack(user),
        "language_links": [(code, name, _in_language(path, code)) for code, name in settings.LANGUAGES],
    }


def _in_language(path, code):
    translated = translate_url(path, code)
    if translated == path:
        # A path Django cannot resolve (a 404 page): swap the language prefix by hand.
        parts = path.split("/", 2)
        if len(parts) > 2 and parts[1] in dict(settings.LANGUAGES):
            return f"/{code}/{parts[2]}"
    return translated
