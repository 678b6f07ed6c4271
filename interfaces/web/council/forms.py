"""Forms of the council's pages: types and required fields only; the services decide the rest."""

from django import forms
from django.utils.translation import gettext_lazy as _

from domain.council.models import Choice
from ground.base.forms import ConfirmField, DatePickerField
from ground.organisation.models import Period


class IdListField(forms.Field):
    """A list of ids from checkboxes (``name=value`` repeated); which ids are acceptable is the service's call."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        if not value:
            return []
        try:
            return [int(v) for v in value]
        except (TypeError, ValueError) as exc:
            raise forms.ValidationError(_("Choose from the list.")) from exc


class SessionCreateForm(forms.Form):
    period = forms.ModelChoiceField(label=_("Emulation period"), queryset=Period.objects.none(), empty_label=None)
    title = forms.CharField(
        label=_("Title"), max_length=255, required=False, help_text=_("Left empty: “Council session N, year”.")
    )
    meeting_date = DatePickerField(label=_("Meeting date"))
    place = forms.CharField(label=_("Place"), max_length=255, required=False)
    dossiers = IdListField(label=_("Dossiers on the agenda"), required=False)

    def __init__(self, *args, organisation_id, **kwargs):
        super().__init__(*args, **kwargs)
        periods = Period.objects.filter(organisation_id=organisation_id).order_by("-year")
        self.fields["period"].queryset = periods
        if not self.is_bound:
            self.fields["period"].initial = next((p.pk for p in periods if p.is_open), None)


class InitiativeSessionForm(SessionCreateForm):
    """A session of the Initiatives Council: the same fields, the submitted initiatives as its agenda."""

    initiatives = IdListField(label=_("Initiatives on the agenda"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["dossiers"]
        self.fields["title"].help_text = _("Left empty: “Initiatives Council session N, year”.")


class AgendaInitiativesForm(forms.Form):
    initiatives = IdListField(required=False)


class AttendanceForm(forms.Form):
    present = IdListField(required=False)


class ChoiceForm(forms.Form):
    choice = forms.ChoiceField(choices=Choice.choices)


class WrittenVoteForm(ChoiceForm):
    member = forms.IntegerField()


class QuotaForm(forms.Form):
    kept = IdListField(required=False)
    reason = forms.CharField(label=_("Reasons"), max_length=4000, required=False)


class ReceiptForm(forms.Form):
    code = forms.CharField(label=_("Receipt code"), max_length=40, help_text=_("e.g. P12-ABCD-EFGH-JKLM"))


class ObjectionForm(forms.Form):
    text = forms.CharField(
        label=_("Your objection and its grounds"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=8000,
        error_messages={"required": _("Write your objection and its grounds before sending it.")},
    )


class ConcludeForm(forms.Form):
    confirm = ConfirmField(_("I confirm: concluding closes the session for good and posts the selected dossiers."))
