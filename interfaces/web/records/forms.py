from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from domain.records.models import Initiative
from ground.organisation.models import StaffMember


class InitiativeCreateForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=500)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    authors = forms.ModelMultipleChoiceField(label=_("Authors"), queryset=StaffMember.objects.none())

    def __init__(self, *args, department_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authors"].queryset = StaffMember.objects.filter(department_id=department_id, is_active=True)
        self.fields["year"].initial = timezone.localdate().year


class InitiativeReviewForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Decision"), choices=[("recognise", _("Recognise")), ("reject", _("Do not recognise"))]
    )
    scope = forms.ChoiceField(label=_("Scope of recognition"), choices=Initiative.Scope.choices, required=False)
    recognised_by = forms.CharField(label=_("Recognising body"), max_length=255, required=False)
    document = forms.CharField(label=_("Recognition document"), max_length=100, required=False)
    comment = forms.CharField(label=_("Comment or reason"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class SpreadsheetForm(forms.Form):
    """An Excel workbook to import (the service checks its content, all or nothing)."""

    file = forms.FileField(label=_("Excel workbook (.xlsx)"))
