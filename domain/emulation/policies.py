"""Who sees and changes registrations: a department head its own; the secretariat and readers of all dossiers, all."""

from django.db.models import Q

from ground.base import errors
from ground.organisation.selectors import staff_of


def registration_scope_q(user):
    staff = staff_of(user)
    if staff is None:
        return Q(pk__in=[])
    scope = Q(organisation_id=staff.organisation_id)
    if user.has_perm("dossiers.view_all_dossiers"):
        return scope
    if user.has_perm("dossiers.nominate"):
        return scope & Q(department_id=staff.department_id)
    return Q(pk__in=[])


def can_view_registrations(user):
    return user.is_authenticated and (user.has_perm("dossiers.view_all_dossiers") or user.has_perm("dossiers.nominate"))


def require_view_registrations(user):
    if not can_view_registrations(user):
        raise errors.NotAllowed()


def can_import_registrations(user):
    return user.is_authenticated and user.has_perm("emulation.import_registrations")


def require_import_registrations(user):
    if not can_import_registrations(user):
        raise errors.NotAllowed()


def can_manage_movements(user):
    return user.is_authenticated and user.has_perm("emulation.manage_movements")


def require_manage_movements(user):
    """The secretariat's staff record (its organisation scopes every read and change)."""
    staff = staff_of(user)
    if not can_manage_movements(user) or staff is None:
        raise errors.NotAllowed()
    return staff


def can_view_movements(user):
    return user.is_authenticated and (
        user.has_perm("emulation.manage_movements") or user.has_perm("dossiers.view_all_dossiers")
    )
