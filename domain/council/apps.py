from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilConfig(AppConfig):
    name = "domain.council"
    label = "council"
    verbose_name = _("Council review (bình xét)")

    def ready(self):
        from ground.audit.signals import watch
        from ground.base import reference

        from . import models

        # The administrator's configuration: every change, with before/after, in the audit trail.
        for model in (models.VotingRule, models.Quota, models.Council, models.CouncilMember):
            watch(model)
        reference.register(models.VotingRule)  # read by every ballot: kept per process until it changes
