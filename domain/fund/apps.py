from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundConfig(AppConfig):
    name = "domain.fund"
    label = "fund"
    verbose_name = _("Award fund")

    def ready(self):
        from django.db.models.signals import post_save

        from domain.dossiers.models import AwardRecord, IssuedDocument
        from domain.dossiers.services.revocation import award_revoked
        from ground.audit.signals import watch

        from . import models, services

        watch(models.FundIncome)
        # The fund follows the decisions: every award the school decides becomes a payout line in the same
        # transaction; a cancelled decision reverses its lines (hooks by registration: dossiers never reads the fund).
        post_save.connect(services.payout_from_award_record, sender=AwardRecord, dispatch_uid="fund_payout")
        post_save.connect(services.payouts_follow_cancelled_decision, sender=IssuedDocument, dispatch_uid="fund_rev")
        # A revoked award (issue 20) reverses its line, in the revocation's transaction.
        award_revoked.connect(services.payout_follows_revocation, dispatch_uid="fund_revocation")
