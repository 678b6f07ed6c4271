from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmulationConfig(AppConfig):
    name = "domain.emulation"
    label = "emulation"
    verbose_name = _("Emulation movements and registrations")

    def ready(self):
        from ground.audit.signals import watch

        from . import models

        # Configuration the administrator edits: traced with before/after.
        watch(models.Movement)
        watch(models.RegistrationDeadline)
