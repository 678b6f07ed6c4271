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
