"""Default service levels (working days per step), effective from 2024-01-01; the administrator edits them."""

from datetime import date

DEFAULTS = {
    "check_completeness": 3,
    "correct": 5,
    "resolve_objection": 3,
    "sign_decision": 3,
    "sign_submission": 3,
    "record_province": 5,
}


def load_service_levels(apps):
    """Used by the data migration (and by tests after a flush)."""
    ServiceLevel = apps.get_model("deadlines", "ServiceLevel")
    for step, days in DEFAULTS.items():
        ServiceLevel.objects.get_or_create(
            step=step,
            award=None,
            period=None,
            effective_from=date(2024, 1, 1),
            defaults={"working_days": days, "remind_before": 2, "remind_every": 2, "escalate_after": 3},
        )
