"""Who may do what in the council's review: one function per action, used by the pages, the API and the flow."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from domain.records.models import Initiative
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


def require_may_run_sessions(user):
    """Permission before validation, for a write that names no session yet (a new one): the secretariat."""
    staff = staff_of(user)
    require_run_sessions(user, staff.organisation_id if staff else None)


def require_seat(user, council_id):
    if seat_of(user, council_id) is None:
        raise errors.NotAllowed(_("Only members of the council vote."))


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


def author_ids(initiative):
    """The initiative's authors (staff ids), read once per initiative object (no query when they were prefetched)."""
    if not hasattr(initiative, "_author_ids"):
        prefetched = getattr(initiative, "_prefetched_objects_cache", {}).get("authors")
        if prefetched is not None:
            initiative._author_ids = {author.pk for author in prefetched}
        else:
            initiative._author_ids = set(initiative.authors.values_list("pk", flat=True))
    return initiative._author_ids


def recusal_reason(seat, dossier, council, *, heads=None):
    """Why a member may not vote on a dossier or an initiative (conflict of interest), or None.

    The nominee never votes on their own dossier, nor an author on their initiative (Initiatives Council); the
    nominating department's head stands aside when the period's council says so
    (``Council.recuse_department_head``). The member's staff record is ``seat.user``'s, read once per user object;
    ``heads``: the heads among the members, when a page read them at once (``heads_among``).
    """
    staff = staff_of(seat.user)
    if staff is None:
        return None
    if isinstance(dossier, Initiative):
        return _("the member is an author of the initiative") if staff.pk in author_ids(dossier) else None
    if dossier.nominee_person_id and staff.pk == dossier.nominee_person_id:
        return _("the member is the nominee")
    departments = {dossier.department_id, dossier.nominee_department_id}
    if council.recuse_department_head and staff.department_id in departments and is_head(seat.user, heads):
        return _("the member heads the nominee's department")
    return None


HEAD_PERMISSION = "dossiers.nominate"


def is_head(user, heads=None):
    """A department head (who nominates); ``heads``: the ids ``heads_among`` read for several users at once."""
    if heads is not None:
        return user.pk in heads
    return user.has_perm(HEAD_PERMISSION)


def heads_among(users):
    """The ids of the department heads among ``users``, in one query: ``is_head`` of each, by the permission as
    Django's model backend grants it (``has_perm``: active users, their groups, superusers)."""
    ids = {user.pk for user in users}
    if not ids:
        return set()
    found = get_user_model().objects.with_perm(HEAD_PERMISSION, backend="django.contrib.auth.backends.ModelBackend")
    return set(found.filter(pk__in=ids).values_list("pk", flat=True))


def require_not_recused(seat, dossier, council):
    reason = recusal_reason(seat, dossier, council)
    if reason:
        if isinstance(dossier, Initiative):
            raise errors.NotAllowed(_("This member does not vote on this initiative: %(reason)s.") % {"reason": reason})
        raise errors.NotAllowed(_("This member does not vote on this dossier: %(reason)s.") % {"reason": reason})
