from django import forms
from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from domain.council.models import Objection
from ground.base.forms import DatePickerField


class TaskForm(forms.Form):
    """The fields every step shares; the action comes from the button pressed."""

    action = forms.CharField(widget=forms.HiddenInput, required=False)
    comment = forms.CharField(
        label=_("Comment or reason"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=4000
    )

    def __init__(self, *args, step, dossier=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.step = step
        self.dossier = dossier

    def clean_action(self):
        action = self.data.get("action") or self.cleaned_data.get("action")
        if action not in self.step.actions:
            raise forms.ValidationError(_("Choose one of the actions below."))
        return action

    def step_fields(self):
        return {k: v for k, v in self.cleaned_data.items() if k not in ("action", "comment")}


class RecordProvinceForm(TaskForm):
    result = forms.ChoiceField(
        label=_("The province's decision"),
        choices=[
            ("approved", _("Approved: the award is granted")),
            ("rejected", _("Rejected")),
            ("returned", _("Returned for correction")),
        ],
        widget=forms.RadioSelect,
    )
    decision_number = forms.CharField(
        label=_("Decision number"), required=False, max_length=40, help_text=_("e.g. 123/QĐ-UBND")
    )
    decision_date = DatePickerField(label=_("Decision date"), required=False)
    decision_file = forms.FileField(label=_("The province's decision (file)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        size = settings.PROVINCE_DECISION_MAX_BYTES // (1024 * 1024)
        self.fields["decision_file"].help_text = gettext("PDF, at most %(size)s MB.") % {"size": size}


class ResolveObjectionForm(TaskForm):
    """Xử lý phản ánh: which open objection the decision is about (a choice only when more than one is open)."""

    objection = forms.TypedChoiceField(label=_("Objection decided"), coerce=int, widget=forms.RadioSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)

        open_ones = [] if self.dossier is None else list(self.dossier.objections.filter(status=Objection.Status.OPEN))
        field = self.fields["objection"]
        field.choices = [(o.pk, f"{o.signed_name} ({o.filed_at:%d/%m/%Y}): {o.text[:80]}") for o in open_ones]
        if len(open_ones) <= 1:  # nothing to choose: the service takes the only open one
            field.required = False
            field.widget = forms.HiddenInput()
            field.initial = open_ones[0].pk if open_ones else None


FORMS = {"record_province": RecordProvinceForm, "resolve_objection": ResolveObjectionForm}


def form_for(step, *args, dossier=None, **kwargs):
    return FORMS.get(step.name, TaskForm)(*args, step=step, dossier=dossier, **kwargs)
