"""Who a login is in the organisation."""

from django.core.exceptions import ObjectDoesNotExist


def staff_of(user):
    """The staff record of a login, or None (the administrator, the province client)."""
    if not user or not user.is_authenticated:
        return None
    try:
        return user.staff
    except ObjectDoesNotExist:
        return None
