"""Who may do what, declared in one place. Every app's views use these helpers.

Roles are Django groups created by a migration (portal/migrations/0002_roles.py; their
permissions belong to core.Municipality since core/migrations/0002):
- `staff`: AO staff, record and publish everything;
- `deputies`: aiyl kenesh deputies, read drafts and print council packs.
Anybody else, logged in or not, sees what a citizen sees.
"""
from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied
from functools import wraps

from django.contrib.auth.views import redirect_to_login

STAFF = "staff"
DEPUTIES = "deputies"

EDIT = "core.edit_content"
PUBLISH = "core.publish_content"
VIEW_DRAFTS = "core.view_drafts"
PRINT_PACK = "core.print_council_pack"

ROLE_PERMISSIONS = {
    STAFF: ["edit_content", "publish_content", "view_drafts", "print_council_pack"],
    DEPUTIES: ["view_drafts", "print_council_pack"],
}


def can_edit(user):
    return bool(user and user.is_authenticated and user.has_perm(EDIT))


def can_publish(user):
    return bool(user and user.is_authenticated and user.has_perm(PUBLISH))


def can_see_drafts(user):
    return bool(user and user.is_authenticated and user.has_perm(VIEW_DRAFTS))


def can_print_pack(user):
    return bool(user and user.is_authenticated and user.has_perm(PRINT_PACK))


class RoleRequiredMixin(AccessMixin):
    """Anonymous visitors are sent to the login page; logged-in people without the role get 403.

    The role is checked around the whole view (as_view), before setup() and before any dispatch()
    of a subclass looks an object up: otherwise a visitor could tell from "login" against "404"
    which staff objects exist (issue #15, item 8)."""

    role_check = staticmethod(can_edit)

    @classmethod
    def as_view(cls, **initkwargs):
        return role_required(cls.role_check)(super().as_view(**initkwargs))

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not self.role_check(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class StaffRequiredMixin(RoleRequiredMixin):
    role_check = staticmethod(can_edit)


class PublisherRequiredMixin(RoleRequiredMixin):
    role_check = staticmethod(can_publish)


class CouncilRequiredMixin(RoleRequiredMixin):
    """Deputies and staff: drafts (read-only) and council packs."""

    role_check = staticmethod(can_print_pack)


def role_required(check):
    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not check(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


staff_required = role_required(can_edit)
publisher_required = role_required(can_publish)
council_required = role_required(can_print_pack)


def login_attempt_username(request, credentials):
    """The user name django-axes records for a login attempt, cut to what a user name can be:
    a hostile 100 000-character 'name' must not overflow its log table (a 500 on PostgreSQL)."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    return str(username).replace("\x00", "")[:150]
