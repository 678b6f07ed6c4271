"""The register of complaints and denunciations, and the revocation of an award (issue 20): thin pages over the
domain services (``records.complaints``, ``dossiers.services.revocation``)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from domain.dossiers import policies as dossier_policies
from domain.dossiers.models import AwardRecord, AwardRevocation
from domain.dossiers.services import revocation
from domain.records import complaints
from domain.records.models import Complaint
from ground.base import errors
from ground.base.forms import CHOOSE, DatePickerInput
from ground.organisation.models import Department, StaffMember
from ground.organisation.selectors import people_to_choose, person_label

DATE = DatePickerInput()


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return person_label(obj)


class ComplaintForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=Complaint.Kind.choices)
    person = PersonChoiceField(
        label=gettext_lazy("Person concerned"), queryset=StaffMember.objects.none(), required=False, empty_label=CHOOSE
    )
    department = forms.ModelChoiceField(
        label=gettext_lazy("Department concerned"),
        queryset=Department.objects.none(),
        required=False,
        empty_label=CHOOSE,
    )
    filed_by = forms.CharField(label=gettext_lazy("Filed by"), max_length=255)
    summary = forms.CharField(label=gettext_lazy("Summary"), widget=forms.Textarea(attrs={"rows": 3}))
    received_on = forms.DateField(label=gettext_lazy("Letter received on"), widget=DATE)
    accepted_on = forms.DateField(label=gettext_lazy("Accepted on (thụ lý)"), widget=DATE, required=False)
    remote_area = forms.BooleanField(label=gettext_lazy("Remote area"), required=False)

    def __init__(self, *args, organisation_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        people = people_to_choose(organisation_id)  # each person once, no system account
        self.fields["person"].queryset = (
            StaffMember.objects.filter(pk__in=[p.pk for p in people])
            .select_related("department")
            .order_by("full_name", "department__name", "pk")
        )
        self.fields["department"].queryset = Department.objects.filter(organisation_id=organisation_id)

    def clean(self):
        data = super().clean()
        if bool(data.get("person")) == bool(data.get("department")):
            raise forms.ValidationError(_("Choose the person or department concerned."))
        return data


def _organisation(user):
    staff = dossier_policies.staff_of(user)
    if staff is None:
        raise errors.NotVisible()
    return staff.organisation_id


class ComplaintRegisterView(LoginRequiredMixin, View):
    """Sổ theo dõi khiếu nại, tố cáo: the open and closed cases with their deadlines; a form to record one."""

    def _page(self, request, form, status=200):
        complaints.require_keep(request.user)
        org = _organisation(request.user)
        rows = Complaint.objects.filter(organisation_id=org).select_related("person", "department", "dossier")
        context = {"form": form, "complaints": rows, "today": complaints.today()}
        return render(request, "eligibility/complaints.html", context, status=status)

    def get(self, request):
        complaints.require_keep(request.user)
        return self._page(request, ComplaintForm(organisation_id=_organisation(request.user)))

    def post(self, request):
        complaints.require_keep(request.user)
        form = ComplaintForm(request.POST, organisation_id=_organisation(request.user))
        if not form.is_valid():
            return self._page(request, form, status=400)
        data = form.cleaned_data
        try:
            complaints.complaint_register(
                acting_user=request.user,
                kind=data["kind"],
                nominee=data["person"] or data["department"],
                filed_by=data["filed_by"],
                summary=data["summary"],
                received_on=data["received_on"],
                accepted_on=data["accepted_on"],
                remote_area=data["remote_area"],
            )
        except errors.InvalidInput as problem:
            for field, texts in (problem.errors or {}).items():
                form.add_error(field if field in form.fields else None, texts)
            return self._page(request, form, status=400)
        messages.success(request, _("The case is recorded in the register."))
        return redirect("eligibility:complaints")


class ComplaintActionView(LoginRequiredMixin, View):
    """Extend the time limit of a case, or record its outcome."""

    def post(self, request, pk):
        complaints.require_keep(request.user)
        if not Complaint.objects.filter(pk=pk, organisation_id=_organisation(request.user)).exists():
            raise errors.NotVisible()
        text = request.POST.get("text", "")
        if request.POST.get("action") == "extend":
            complaints.complaint_extend(acting_user=request.user, complaint_id=pk, reason=text)
        else:
            complaints.complaint_resolve(
                acting_user=request.user,
                complaint_id=pk,
                outcome=text,
                withdrawn=request.POST.get("action") == "withdraw",
            )
        return redirect("eligibility:complaints")


class RevocationForm(forms.Form):
    ground = forms.ChoiceField(label=gettext_lazy("Ground for revoking"), choices=AwardRevocation.Ground.choices)
    decision_number = forms.CharField(label=gettext_lazy("Revocation decision number"), max_length=40)
    decision_date = forms.DateField(label=gettext_lazy("Revocation decision date"), widget=DATE)
    note = forms.CharField(label=gettext_lazy("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class AwardRevokeView(LoginRequiredMixin, View):
    """Thu hồi: record the decision revoking an award; the history keeps it, annotated, with the money to recover."""

    def _award(self, request, pk):
        revocation.require_revoke(request.user)
        award = AwardRecord.objects.select_related("award", "person", "department").filter(pk=pk).first()
        if award is None or award.organisation_id != _organisation(request.user):
            raise errors.NotVisible()
        return award

    def get(self, request, pk):
        award = self._award(request, pk)
        return render(request, "eligibility/revoke.html", {"award": award, "form": RevocationForm()})

    def post(self, request, pk):
        award = self._award(request, pk)
        form = RevocationForm(request.POST)
        if form.is_valid():
            try:
                revocation.award_revoke(acting_user=request.user, award_record_id=award.pk, **form.cleaned_data)
            except errors.InvalidInput as problem:
                for field, texts in (problem.errors or {}).items():
                    form.add_error(field if field in form.fields else None, texts)
            else:
                messages.success(request, _("The revocation is recorded."))
                kind, nominee = ("people", award.person) if award.person_id else ("departments", award.department)
                return redirect("eligibility:record", kind, nominee.pk)
        return render(request, "eligibility/revoke.html", {"award": award, "form": form}, status=400)
