from django.db import models
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Process


class DossierProcess(Process):
    """The run of the award process for one dossier (the dossier holds the domain data)."""

    dossier = models.OneToOneField(
        "dossiers.Dossier", on_delete=models.PROTECT, related_name="process", verbose_name=_("dossier")
    )

    class Meta:
        verbose_name = _("dossier process")
        verbose_name_plural = _("dossier processes")

    @property
    def brief(self):
        return str(self.dossier)
