"""Who may read the secretariat's lists of suggested and nearly eligible nominees."""

from domain.dossiers import policies as dossier_policies
from ground.base import errors
from ground.organisation.selectors import staff_of


def can_view_suggestions(user):
    # The lists name people across departments: those who already see every department's dossiers.
    return user.is_authenticated and user.has_perm("dossiers.view_all_dossiers")


def require_view_suggestions(user):
    if not can_view_suggestions(user):
        raise errors.NotAllowed()


def can_view_record(user, *, department_id):
    """A nominee's record (ratings, discipline, cases, awards): readers of every dossier, or the head of the
    nominee's department."""
    if can_view_suggestions(user):
        return True
    return dossier_policies.is_head_of(user, department_id)


def require_view_record(user, organisation_id, department_id):
    staff = staff_of(user)
    if (
        staff is None
        or staff.organisation_id != organisation_id
        or not can_view_record(user, department_id=department_id)
    ):
        raise errors.NotVisible()


def can_open_app(user):
    return can_view_suggestions(user) or (user.is_authenticated and user.has_perm("dossiers.nominate"))
