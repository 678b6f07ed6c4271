from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EligibilityConfig(AppConfig):
    name = "domain.eligibility"
    label = "eligibility"
    verbose_name = _("Eligibility rules")

    def ready(self):
        from ground.audit.signals import watch
        from ground.base import reference

        from .models import Rule

        # A rule is law as configuration: who changed which threshold, from what to what, is in the trail.
        watch(Rule)
        reference.register(Rule, related=("source",))  # read by every judgement: kept per process until it changes
