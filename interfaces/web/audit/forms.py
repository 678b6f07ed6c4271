from django import forms
from django.utils.translation import gettext_lazy as _

from ground.base.forms import DatePickerField
from ground.organisation.models import Department

from .actions import LABELS


class EventFilterForm(forms.Form):
    dossier = forms.CharField(label=_("Dossier reference"), required=False, max_length=30)
    person = forms.CharField(label=_("Person (name or login)"), required=False, max_length=150)
    department = forms.ModelChoiceField(
        label=_("Department"), queryset=Department.objects.none(), required=False, empty_label=_("All departments")
    )
    action = forms.ChoiceField(label=_("Action"), required=False)
    date_from = DatePickerField(label=_("From"), required=False)
    date_to = DatePickerField(label=_("To"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.order_by("name")
        self.fields["action"].choices = [("", _("All actions"))] + sorted(
            ((code, str(label)) for code, label in LABELS.items()), key=lambda choice: choice[1]
        )

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise forms.ValidationError(_("The start date is after the end date."))
        return data

    def filters(self):
        """The cleaned filters for ``event_search`` (none when the form is invalid: the page shows its errors)."""
        if not self.is_valid():
            return None
        return {key: value for key, value in self.cleaned_data.items() if value not in (None, "")}
