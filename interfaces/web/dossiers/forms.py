from django import forms
from django.utils.translation import gettext_lazy as _

from domain.dossiers.models import Document
from domain.dossiers.selectors import nominees_for, open_periods
from domain.dossiers.services.dossiers import award_choices_for
from ground.base.forms import CHOOSE, ConfirmField


class DossierCreateForm(forms.Form):
    period = forms.TypedChoiceField(label=_("Emulation period"), coerce=int)
    award = forms.ChoiceField(label=_("Award"))
    nominee_kind = forms.ChoiceField(
        label=_("Nominee"),
        choices=[("person", _("A member of the department")), ("department", _("The department itself"))],
        widget=forms.RadioSelect,
        initial="person",
    )
    person = forms.ModelChoiceField(label=_("Member"), queryset=None, required=False, empty_label=CHOOSE)
    achievements = forms.CharField(
        label=_("Achievements"), widget=forms.Textarea(attrs={"rows": 6}), required=False, max_length=20000
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        periods = list(open_periods(user))
        self.fields["period"].choices = [(p.year, str(p.year)) for p in periods]
        self.fields["award"].choices = award_choices_for(periods[0] if periods else None)
        people, departments = nominees_for(user)
        self.fields["person"].queryset = people
        self.department = departments.first()

    def clean(self):
        data = super().clean()
        if data.get("nominee_kind") == "person" and not data.get("person"):
            self.add_error("person", _("Choose the member you nominate."))
        return data

    def nominee_id(self):
        if self.cleaned_data["nominee_kind"] == "person":
            return self.cleaned_data["person"].pk
        return self.department.pk if self.department else None


class DossierEditForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    achievements = forms.CharField(
        label=_("Achievements"), widget=forms.Textarea(attrs={"rows": 8}), required=False, max_length=20000
    )


class DocumentUploadForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of document"),
        choices=[(k, label) for k, label in Document.Kind.choices if k not in Document.SYSTEM_KINDS],
    )
    file = forms.FileField(label=_("File"), help_text=_("PDF, DOCX, XLSX, JPEG or PNG; at most 20 MB."))


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for withdrawing"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )
    confirm = ConfirmField(_("I confirm: the withdrawn dossier leaves the process for good."))
