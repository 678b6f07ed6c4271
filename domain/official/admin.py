"""The administrator edits base salaries, document wording and signers' certificates here (every change traced)."""

from django import forms
from django.contrib import admin

from . import models


@admin.register(models.BaseSalary)
class BaseSalaryAdmin(admin.ModelAdmin):
    list_display = ["effective_from", "amount", "legal_basis"]


@admin.register(models.DocumentTemplate)
class DocumentTemplateAdmin(admin.ModelAdmin):
    list_display = ["doc_type", "organisation", "title"]
    list_filter = ["doc_type"]


class SigningCredentialForm(forms.ModelForm):
    class Meta:
        model = models.SigningCredential
        fields = ["user", "pkcs12_path", "passphrase", "subject", "valid_until"]
        widgets = {"passphrase": forms.PasswordInput(render_value=True)}


@admin.register(models.SigningCredential)
class SigningCredentialAdmin(admin.ModelAdmin):
    form = SigningCredentialForm
    list_display = ["user", "subject", "valid_until"]
    raw_id_fields = ["user"]


@admin.register(models.RegisterSettings)
class RegisterSettingsAdmin(admin.ModelAdmin):
    list_display = ["organisation", "style", "padding", "parent_body"]


@admin.register(models.RegimeGrounds)
class RegimeGroundsAdmin(admin.ModelAdmin):
    list_display = ["regime"]


class SealForm(forms.ModelForm):
    class Meta:
        model = models.OrganisationSeal
        fields = ["organisation", "pkcs12_path", "passphrase", "subject"]
        widgets = {"passphrase": forms.PasswordInput(render_value=True)}


@admin.register(models.OrganisationSeal)
class OrganisationSealAdmin(admin.ModelAdmin):
    form = SealForm
    list_display = ["organisation", "subject"]


@admin.register(models.CertificateLayout)
class CertificateLayoutAdmin(admin.ModelAdmin):
    """Offsets in mm against the pre-printed blanks; "Trang in thử" prints a test page with them."""

    list_display = ["organisation", "landscape", "offset_x", "offset_y", "name_y"]
    change_form_template = "official/certificate_layout_change.html"


@admin.register(models.Delegation)
class DelegationAdmin(admin.ModelAdmin):
    list_display = ["delegate", "capacity", "delegator", "valid_from", "valid_to", "revoked_at"]
    raw_id_fields = ["delegator", "delegate", "created_by"]


@admin.register(models.RegisterEntry)
class RegisterEntryAdmin(admin.ModelAdmin):
    """Read-only: the register is written by the records clerk's services, never edited."""

    list_display = ["symbol", "issued_on", "doc_type", "subject", "status", "manual"]
    list_filter = ["year", "doc_type", "status"]
    search_fields = ["symbol", "subject"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
