from domain.dossiers import policies as dossier_policies
from ground.base import errors


def can_view_fund(user):
    return user.is_authenticated and (user.has_perm("fund.manage_fund") or user.has_perm("dossiers.audit"))


def require_view_fund(user):
    staff = dossier_policies.staff_of(user)
    if not can_view_fund(user) or staff is None:
        raise errors.NotAllowed()
    return staff


def require_manage_fund(user):
    staff = dossier_policies.staff_of(user)
    if not user.is_authenticated or not user.has_perm("fund.manage_fund") or staff is None:
        raise errors.NotAllowed()
    return staff
