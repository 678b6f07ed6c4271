"""Forms of the fund's page: types and required fields only; the service decides the rest."""

from django import forms
from django.utils.translation import gettext_lazy as _

from domain.fund.models import FundIncome
from ground.base.forms import DatePickerField


class AmountField(forms.CharField):
    """A whole amount of VND as people type it: ``5.000.000``, ``5,000,000``, ``5 000 000`` or ``5000000``."""

    default_error_messages = {"invalid": _("Enter the amount in whole VND, digits only, e.g. 5.000.000.")}

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        digits = value.replace(".", "").replace(",", "").replace(" ", "").replace("\u00a0", "")
        if len(digits) > 18 or not digits.isascii() or not digits.isdigit():
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return int(digits)


class IncomeForm(forms.Form):
    received_on = DatePickerField(label=_("Received on"))
    source = forms.ChoiceField(label=_("Source"), choices=FundIncome.Source.choices)
    amount = AmountField(
        label=_("Amount (VND)"), widget=forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 30})
    )
    document = forms.CharField(label=_("Document reference"), max_length=150, required=False)
    description = forms.CharField(label=_("Description"), max_length=500, required=False)
