"""Who follows the exchange with the province and sends a failed package again: the secretariat."""

from ground.base import errors

MANAGE_EXCHANGE = "dossiers.record_province_decision"


def can_manage_exchange(user):
    return user.is_authenticated and user.has_perm(MANAGE_EXCHANGE)


def require_manage_exchange(user):
    if not can_manage_exchange(user):
        raise errors.NotAllowed()
