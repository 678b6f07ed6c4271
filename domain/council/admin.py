"""The administrator keeps the council's rules and each period's council here (every change traced)."""

from django.contrib import admin

from . import models


@admin.register(models.VotingRule)
class VotingRuleAdmin(admin.ModelAdmin):
    list_display = ["award", "threshold_percent", "threshold_base", "secret_ballot", "posting_days"]
    list_filter = ["award__regime", "secret_ballot"]


@admin.register(models.Quota)
class QuotaAdmin(admin.ModelAdmin):
    list_display = ["regime", "award_code", "base_award_code", "percent", "source", "source_article", "source_clause"]


class CouncilMemberInline(admin.TabularInline):
    model = models.CouncilMember
    raw_id_fields = ["user"]
    extra = 1


@admin.register(models.Council)
class CouncilAdmin(admin.ModelAdmin):
    list_display = ["period"]
    inlines = [CouncilMemberInline]
