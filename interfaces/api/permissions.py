"""Who may write at all, checked before any body is read: permission before validation.

Auditors read everything and write nothing; their writes are refused (403, traced) whatever the body holds, so an
invalid body does not tell them how the endpoint validates. The services still check their own policy.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import permissions

from ground.organisation.roles import AUDITOR


class ReadOnlyRolesDoNotWrite(permissions.BasePermission):
    message = _("You do not have permission to perform this action.")

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS or getattr(view, "read_only_post", False):
            return True
        user = request.user
        if not user or not user.is_authenticated:
            return True  # IsAuthenticated answers 401
        return not _is_only_auditor(user)


def _is_only_auditor(user):
    roles = set(user.groups.values_list("name", flat=True))
    return AUDITOR in roles and len(roles) == 1 and not user.is_superuser
