"""The administrator edits rules here: thresholds in ``params``, hard or not, dates, wording (traced by audit)."""

from django import forms
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
        # The vocabulary of conditions is code: offer it as a choice, named in the administrator's language.
        form.base_fields["kind"] = forms.ChoiceField(
            label=Rule._meta.get_field("kind").verbose_name.capitalize(),
            choices=[(code, f"{code} — {spec.label}") for code, spec in KINDS.items()],
        )
        return form
