from domain.dossiers import policies as dossier_policies
from ground.base import errors


def can_view_reports(user):
    return user.is_authenticated and (
        user.has_perm("reports.view_reports") or user.has_perm("dossiers.view_all_dossiers")
    )


def require_view_reports(user):
    staff = dossier_policies.staff_of(user)
    if not can_view_reports(user) or staff is None:
        raise errors.NotAllowed()
    return staff


def require_lookup(user):
    """Any logged-in member of a unit looks up its awards (they are published by decision)."""
    staff = dossier_policies.staff_of(user)
    if staff is None:
        raise errors.NotAllowed()
    return staff


def can_lookup(user):
    """The Reports menu is for members of a unit (the province's client login has none)."""
    return user.is_authenticated and dossier_policies.staff_of(user) is not None


def can_view_overview(user):
    """The overview's figures: whoever sees every dossier of the unit (the secretariat, the principal, auditors…)."""
    return bool(
        user.is_authenticated
        and (user.has_perm("dossiers.view_all_dossiers") or user.has_perm("dossiers.audit"))
        and dossier_policies.staff_of(user) is not None
    )


def require_view_overview(user):
    if not can_view_overview(user):
        raise errors.NotAllowed()
    return dossier_policies.staff_of(user)
