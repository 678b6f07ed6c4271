"""Who may read the trail: auditors (kiểm tra) — they read everything and change nothing."""

from ground.base import errors


def can_audit(user):
    return user.is_authenticated and user.has_perm("dossiers.audit")


def require_audit(user):
    if not can_audit(user):
        raise errors.NotAllowed()
