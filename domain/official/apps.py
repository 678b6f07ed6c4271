from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfficialConfig(AppConfig):
    """Văn bản: the numbered, generated and digitally signed official documents."""

    name = "domain.official"
    label = "official"
    verbose_name = _("Official documents")

    def ready(self):
        from ground.audit.signals import watch

        from . import models

        for model in (
            models.BaseSalary,
            models.DocumentTemplate,
            models.SigningCredential,
            models.RegisterSettings,
            models.RegimeGrounds,
            models.Regulation,
            models.OrganisationSeal,
            models.CertificateLayout,
            models.Delegation,
        ):
            watch(model, exclude={"passphrase"})
