"""Who a login is in the organisation."""

from django.core.exceptions import ObjectDoesNotExist

from .models import StaffMember
from .roles import ADMINISTRATOR


def staff_of(user):
    """The staff record of a login, or None (the administrator, the province client)."""
    if not user or not user.is_authenticated:
        return None
    try:
        return user.staff
    except ObjectDoesNotExist:
        return None


def people_to_choose(organisation_id):
    """The organisation's people as a drop-down offers them (two queries): its active staff records in name order,
    each person once, without the system's accounts.

    - A record whose login holds the administrator's role and no other is the system's account (the demo's
      "Quản trị hệ thống"), not a member of staff: left out.
    - Records of the same full name that each belong to a login are one person holding several role logins (the
      principal who chairs the council): the first record stands for them. Records of the same name without such
      logins may be different people: they all stay, and the label shows their department.
    """
    records = (
        StaffMember.objects.filter(organisation_id=organisation_id, is_active=True)
        .select_related("department", "user")
        .prefetch_related("user__groups")
        .order_by("full_name", "pk")
    )
    people, logins_seen = [], set()
    for record in records:
        if record.user is not None:
            roles = {group.name for group in record.user.groups.all()}
            if roles == {ADMINISTRATOR}:
                continue
            if record.full_name in logins_seen:
                continue
            logins_seen.add(record.full_name)
        people.append(record)
    return people


def person_label(record):
    """A person in a drop-down: the name and the department, which tells apart two people of the same name."""
    return f"{record.full_name} ({record.department.name})"
