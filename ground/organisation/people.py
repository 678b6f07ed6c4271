"""Who holds which role in an organisation: read once per sweep, so notifying N tasks costs no N queries."""

import threading
from collections import defaultdict
from contextlib import contextmanager

from django.contrib.auth import get_user_model

from . import roles

# Permissions a department head holds only for their own department.
DEPARTMENT_SCOPED = {"dossiers.nominate"}
_read = threading.local()


@contextmanager
def people_read_once():
    """In the block, ``People.current()`` answers one roster, read at its first use: a batch that tells each of
    its dossiers' departments reads who holds which role once, not per dossier."""
    if hasattr(_read, "people"):
        yield
        return
    _read.people = None
    try:
        yield
    finally:
        del _read.people


class People:
    """Active members of every role, read once per sweep (their number does not grow with tasks)."""

    def __init__(self):
        self.by_role = defaultdict(list)  # role -> [(user_id, organisation_id, department_id)]
        rows = get_user_model().objects.filter(is_active=True, groups__name__in=list(roles.LABELS))
        for uid, role, org, dept in rows.values_list(
            "pk", "groups__name", "staff__organisation_id", "staff__department_id"
        ):
            self.by_role[role].append((uid, org, dept))
        self.roles_of_perm = defaultdict(list)
        for role, perms in roles.PERMISSIONS.items():
            for perm in perms:
                self.roles_of_perm[perm].append(role)

    @classmethod
    def current(cls):
        """The roster of the ``people_read_once`` block (read at its first use), else a new one."""
        if not hasattr(_read, "people"):
            return cls()
        if _read.people is None:
            _read.people = cls()
        return _read.people

    def members(self, role, organisation_id, department_id=None):
        return sorted(
            uid
            for uid, org, dept in self.by_role.get(role, [])
            if org == organisation_id and (department_id is None or dept == department_id)
        )

    def can_act(self, task, dossier):
        """The assignee, else everyone in the task's queue."""
        if task.owner_id:
            return [task.owner_id]
        perm = task.owner_permission or ""
        dept = dossier.department_id if perm in DEPARTMENT_SCOPED else None
        found = set()
        for role in self.roles_of_perm.get(perm, []):
            found.update(self.members(role, dossier.organisation_id, dept))
        return sorted(found)

    def secretariat(self, dossier):
        return self.members(roles.SECRETARIAT, dossier.organisation_id)

    def department_heads(self, dossier):
        return self.members(roles.DEPARTMENT_HEAD, dossier.organisation_id, dossier.department_id)
