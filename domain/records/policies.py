"""Who may import past awards, propose initiatives, and record the Initiatives Council's decisions."""

from django.db.models import Q

from ground.base import errors
from ground.organisation.selectors import staff_of

from .models import Initiative


def can_import_history(user):
    return user.is_authenticated and user.has_perm("records.import_history")


def require_import_history(user):
    if not can_import_history(user):
        raise errors.NotAllowed()


def can_propose_initiative(user):
    staff = staff_of(user)
    return bool(staff and user.has_perm("dossiers.nominate"))


def require_propose_initiative(user):
    if not can_propose_initiative(user):
        raise errors.NotAllowed()


def can_review_initiatives(user):
    return user.is_authenticated and user.has_perm("records.review_initiative")


def initiative_visibility_q(user):
    """Reviewers and those who see every dossier see every initiative; a department head, their staff's."""
    staff = staff_of(user)
    if staff is None:
        return Q(pk__in=[])
    scope = Q(organisation_id=staff.organisation_id)
    if can_review_initiatives(user) or user.has_perm("dossiers.view_all_dossiers"):
        return scope
    if user.has_perm("dossiers.nominate"):
        return scope & Q(authors__department_id=staff.department_id)
    return Q(pk__in=[])


def require_view_initiative(user, initiative):
    if not Initiative.objects.filter(initiative_visibility_q(user), pk=initiative.pk).exists():
        raise errors.NotVisible()


def require_initiative_owner(user, initiative):
    """The head of the authors' department."""
    require_view_initiative(user, initiative)
    staff = staff_of(user)
    if not (can_propose_initiative(user) and initiative.authors.filter(department_id=staff.department_id).exists()):
        raise errors.NotAllowed()


def require_review_initiative(user, initiative):
    require_view_initiative(user, initiative)
    if not can_review_initiatives(user):
        raise errors.NotAllowed()
