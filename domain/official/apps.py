from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class OfficialConfig(AppConfig):
    """Văn bản: the numbered, generated and digitally signed official documents."""

    name = "domain.official"
    label = "official"
    verbose_name = _("Official documents")

    def ready(self):
        from ground.audit.signals import watch
        from ground.base import reference

        from . import models

        for model in (
            models.BaseSalary,
            models.DocumentTemplate,
            models.SigningCredential,
            models.RegisterSettings,
            models.RegimeGrounds,
            models.OrganisationSeal,
            models.CertificateLayout,
            models.Delegation,
        ):
            watch(model, exclude={"passphrase"})
        reference.register(models.BaseSalary)  # read by every award's amount: kept per process until it changes
        # Signers are opened once per process (official.signing.load_signer); a saved credential drops them here,
        # and in every other process its new path, passphrase or file is a new cache key.
        post_save.connect(_forget_signers, sender=models.SigningCredential, dispatch_uid="forget-signers-save")
        post_delete.connect(_forget_signers, sender=models.SigningCredential, dispatch_uid="forget-signers-delete")

        from ground.jobs.registry import register

        from .jobs import CERTIFICATES, certificates_job

        register(CERTIFICATES, certificates_job)


def _forget_signers(**kwargs):
    from .signing import forget_signers

    forget_signers()
