"""Who may do what in the council's review: one function per action, used by the pages, the API and the flow."""

from ground.base import errors
from ground.organisation.selectors import staff_of


def _same_organisation(user, organisation_id):
    if user.is_superuser:
        return True
    staff = staff_of(user)
    return bool(staff and staff.organisation_id == organisation_id)


def can_run_sessions(user, organisation_id):
    """Thường trực Hội đồng: prepares sessions, records attendance and written votes, closes ballots, posts."""
    return bool(user.is_authenticated and user.has_perm("council.run_session")) and _same_organisation(
        user, organisation_id
    )


def require_run_sessions(user, organisation_id):
    if not can_run_sessions(user, organisation_id):
        raise errors.NotAllowed()


def can_see_sessions(user, organisation_id):
    """The secretariat, the council, the principal and auditors: whoever sees every dossier."""
    if not user.is_authenticated:
        return False
    perms = ("dossiers.view_all_dossiers", "dossiers.audit", "council.run_session")
    return any(user.has_perm(p) for p in perms) and _same_organisation(user, organisation_id)


def require_see_session(user, session):
    if not can_see_sessions(user, session.organisation_id):
        raise errors.NotVisible()


def seat_of(user, council_id):
    """The user's seat on a council, or None: the seat, not a role, gives the vote."""
    from .models import CouncilMember

    if not user.is_authenticated:
        return None
    return CouncilMember.objects.filter(council_id=council_id, user=user).first()


def can_see_posting(user, organisation_id):
    """The posted list is public to every staff member of the unit (and to its auditors)."""
    return user.is_authenticated and _same_organisation(user, organisation_id)


def can_file_objection(user, organisation_id):
    return bool(user.is_authenticated and user.has_perm("council.file_objection")) and _same_organisation(
        user, organisation_id
    )


def require_file_objection(user, organisation_id):
    if not can_see_posting(user, organisation_id):
        raise errors.NotVisible()
    if not can_file_objection(user, organisation_id):
        raise errors.NotAllowed()


def can_see_objector(user, organisation_id):
    """Who objected is known to those who decide (secretariat, principal) and to auditors, not to the department
    or the nominee: an objection is signed, and its author is protected from retaliation."""
    perms = ("council.run_session", "dossiers.sign", "dossiers.audit")
    return user.is_authenticated and any(user.has_perm(p) for p in perms) and _same_organisation(user, organisation_id)
