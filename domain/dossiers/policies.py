"""Who may see and do what: one function per action, used by the UI, the API and the flow."""

from django.db.models import Q

from ground.base import errors
from ground.organisation.selectors import staff_of

from .models import Dossier, DossierStatus


def is_head_of(user, department_id):
    staff = staff_of(user)
    return bool(staff and staff.department_id == department_id and user.has_perm("dossiers.nominate"))


def visibility_q(user):
    """The dossiers a user may see, as a filter. Department heads: only their department's."""
    if not user or not user.is_authenticated:
        return Q(pk__in=[])
    if user.is_superuser:
        return Q()
    staff = staff_of(user)
    scope = Q(organisation_id=staff.organisation_id) if staff else Q(pk__in=[])
    if user.has_perm("dossiers.audit"):
        return scope
    rules = Q(pk__in=[])
    if user.has_perm("dossiers.view_all_dossiers"):
        rules |= ~Q(status=DossierStatus.DRAFT)
    if staff and user.has_perm("dossiers.nominate"):
        rules |= Q(department_id=staff.department_id)
    return scope & rules


def mark_visible(user, dossier):
    """``dossier`` was just read through ``visibility_q(user)``: this object need not ask again (a page's several
    checks on the dossier it shows cost no query; a dossier object lives for one request or one service call)."""
    dossier._visible_to = user.pk


_ROW_FIELDS = {"organisation_id", "department_id", "status"}


def _row_visible(user, dossier):
    """``visibility_q(user)`` read on a dossier row already loaded: the same rules, no query (issue 18). Kept beside
    it, and checked against it for every role and status by ``tests/test_visibility.py``."""
    if user.is_superuser:
        return True
    staff = staff_of(user)
    if staff is None or dossier.organisation_id != staff.organisation_id:
        return False
    if user.has_perm("dossiers.audit"):
        return True
    if user.has_perm("dossiers.view_all_dossiers") and dossier.status != DossierStatus.DRAFT:
        return True
    return bool(user.has_perm("dossiers.nominate") and dossier.department_id == staff.department_id)


def _loaded(dossier):
    """A row read from the database with the fields the rules read (not a bare ``Dossier(pk=...)``)."""
    return (
        not dossier._state.adding
        and dossier.organisation_id is not None
        and not (_ROW_FIELDS & dossier.get_deferred_fields())
    )


def can_view_dossier(user, dossier):
    """Decided on the row when it is loaded, else asked of the database; a yes is remembered on the object
    (``mark_visible``)."""
    if not user or not user.is_authenticated:
        return False
    if getattr(dossier, "_visible_to", None) == user.pk:
        return True
    if _loaded(dossier):
        visible = _row_visible(user, dossier)
    else:
        visible = Dossier.objects.filter(visibility_q(user), pk=dossier.pk).exists()
    if visible:
        mark_visible(user, dossier)
    return visible


def require_view(user, dossier):
    if not can_view_dossier(user, dossier):
        raise errors.NotVisible()


def require_nominate(user, department):
    if not is_head_of(user, department.pk):
        raise errors.NotAllowed(errors.NotAllowed.message)


def require_may_nominate(user):
    """Permission before validation: only a department head nominates (which department is the body's)."""
    staff = staff_of(user)
    if not (staff and user.has_perm("dossiers.nominate")):
        raise errors.NotAllowed()


def require_department_action(user, dossier):
    """Actions of the nominating department (edit, upload, submit, withdraw): its head only."""
    require_view(user, dossier)
    if not is_head_of(user, dossier.department_id):
        raise errors.NotAllowed()


def can_act_on_step(user, permission, dossier):
    """A step routed to a permission: the user holds it and may see the dossier."""
    return bool(user.has_perm(permission)) and can_view_dossier(user, dossier)


def can_sign(user, dossier):
    """Ký văn bản: preview, sign and cancel the unit's official documents — the principal."""
    return bool(user.has_perm("dossiers.sign")) and can_view_dossier(user, dossier)


def require_sign(user, dossier):
    require_view(user, dossier)
    if not can_sign(user, dossier):
        raise errors.NotAllowed()


def require_province_client(user):
    """The province's system (its signed messages are authenticated as the province client login)."""
    if not user or not user.is_authenticated or not user.has_perm("dossiers.province_client"):
        raise errors.NotAllowed()
