from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationConfig(AppConfig):
    """The organisation, its departments, staff and periods, the award catalog, and the roles (ground layer)."""

    name = "ground.organisation"
    label = "organisation"
    verbose_name = _("Organisation and catalog")

    def ready(self):
        from django.db.models.signals import post_migrate

        from ground.audit.signals import watch
        from ground.base import reference

        from . import models, roles

        # What administrators edit (organisation, catalog, periods) is traced like any other change.
        for model in (
            models.Organisation,
            models.Department,
            models.StaffMember,
            models.Period,
            models.LegalRegime,
            models.AwardType,
            models.LegalText,
            models.SchoolRegulation,
        ):
            watch(model)
        # Read by every step (the regulation in force): kept per process until it changes (ground.base.reference).
        reference.register(models.SchoolRegulation)
        reference.register(models.AwardType, related=("regime",))

        # Roles are derived from code: re-synced after every migrate (and after test flushes).
        post_migrate.connect(roles.sync_roles_receiver, sender=self)
