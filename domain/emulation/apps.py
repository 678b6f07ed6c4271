from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmulationConfig(AppConfig):
    name = "domain.emulation"
    label = "emulation"
    verbose_name = _("Emulation movements and registrations")

    def ready(self):
        from django.db.models.signals import post_save

        from domain.dossiers.models import AwardRecord
        from ground.audit.signals import watch

        from . import models, movements

        # Configuration the administrator edits: traced with before/after.
        watch(models.Movement)
        watch(models.RegistrationDeadline)
        watch(models.EmulationPlan)
        watch(models.Cluster)
        post_save.connect(movements.award_record_take_method, sender=AwardRecord, dispatch_uid="award_method")
