"""The administrator edits rules here: thresholds in ``params``, hard or not, dates, wording (traced by audit)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Rule
from .predicates import KINDS


@admin.register(Rule)
class RuleAdmin(admin.ModelAdmin):
    list_display = ["award_code", "regime", "subject", "kind", "params", "hard", "is_active"]
    list_filter = ["regime", "award_code", "hard", "is_active"]
    list_select_related = ["regime"]
    search_fields = ["award_code", "kind"]
    fieldsets = [
        (None, {"fields": ["regime", "award_code", "subject", "kind", "params", "hard", "position", "is_active"]}),
        (_("Dates"), {"fields": ["effective_from", "effective_to"]}),
        (_("Wording"), {"fields": ["reason_vi", "reason_en"]}),
    ]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        kinds = "; ".join(f"{code}: {spec.label}" for code, spec in KINDS.items())
        form.base_fields["kind"].help_text = _("One of: %(kinds)s.") % {"kinds": kinds}
        return form
