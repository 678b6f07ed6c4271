"""Registration pages: the year's list (per department or the school) with its Excel export, the department's
registration form, and the secretariat's import. Thin over emulation.services."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from domain.dossiers import policies as dossier_policies
from domain.dossiers.services.documents import XLSX
from domain.emulation import policies, selectors, services
from domain.emulation.models import Movement, Registration
from ground.base import errors
from ground.base.forms import show_domain_error
from ground.organisation.models import Department, StaffMember
from ground.organisation.selectors import staff_of
from interfaces.web.records.views import SpreadsheetImportView

from .forms import RegistrationForm


def _year(request):
    try:
        return int(request.GET.get("year") or request.POST.get("year") or timezone.localdate().year)
    except ValueError:
        return timezone.localdate().year


class RegistrationListView(LoginRequiredMixin, View):
    def get(self, request):
        policies.require_view_registrations(request.user)
        year = _year(request)
        qs = Registration.objects.filter(policies.registration_scope_q(request.user), year=year).select_related(
            "department", "person"
        )
        department = request.GET.get("department")
        if department and department.isdigit():
            qs = qs.filter(department_id=int(department))
        qs = qs.order_by("department__name", "person__full_name", "pk")
        if request.GET.get("export") == "xlsx":
            response = HttpResponse(services.registrations_export(qs), content_type=XLSX)
            response["Content-Disposition"] = f'attachment; filename="dang-ky-thi-dua-{year}.xlsx"'
            return response
        staff = staff_of(request.user)
        organisation_id = staff.organisation_id if staff else None
        context = {
            "year": year,
            "registrations": qs,
            "departments": Department.objects.filter(organisation_id=organisation_id),
            "department": department or "",
            "movements": Movement.objects.filter(organisation_id=organisation_id, start__year__lte=year).exclude(
                end__year__lt=year
            ),
            "deadline": services.registration_deadline(organisation_id, year),
            "is_open": services.registration_is_open(organisation_id, year),
            "can_register": request.user.has_perm("dossiers.nominate") and staff is not None,
            "can_import": policies.can_import_registrations(request.user),
        }
        return render(request, "emulation/list.html", context)


class RegistrationFormView(LoginRequiredMixin, View):
    def _form(self, request, year, data=None):
        staff = staff_of(request.user)
        if staff is None:
            raise errors.NotAllowed()
        dossier_policies.require_nominate(request.user, staff.department)
        members = StaffMember.objects.filter(department_id=staff.department_id, is_active=True).order_by("full_name")
        registered = Registration.objects.filter(year=year, department_id=staff.department_id)
        current = dict(registered.values_list("person_id", "award_code"))
        movements = selectors.movements_for_registration(staff.organisation_id, year)
        return RegistrationForm(
            data,
            year=year,
            department=staff.department,
            members=members,
            current=current,
            movements=movements,
            movement=registered.exclude(movement=None).values_list("movement_id", flat=True).first(),
        )

    def get(self, request):
        year = _year(request)
        return self.page(request, self._form(request, year), year)

    def post(self, request):
        year = _year(request)
        form = self._form(request, year, request.POST)
        if form.is_valid():
            try:
                services.registration_save(
                    acting_user=request.user,
                    year=year,
                    choices=form.choices(),
                    movement_id=form.cleaned_data.get("movement"),
                )
            except errors.DomainError as exc:
                if exc.status in (403, 404):
                    raise
                show_domain_error(form, exc)
                return self.page(request, form, year, status=exc.status)
            messages.success(request, _("Registrations saved."))
            return redirect(f"{reverse('registrations:index')}?year={year}")
        return self.page(request, form, year, status=400)

    def page(self, request, form, year, status=200):
        return render(request, "emulation/register.html", {"form": form, "year": year}, status=status)


class RegistrationImportView(SpreadsheetImportView):
    """The secretariat imports the registration spreadsheets it receives (the export's columns)."""

    require = staticmethod(policies.require_import_registrations)
    service = staticmethod(services.registrations_import)
    title = gettext_lazy("Import registrations")
    help_text = gettext_lazy(
        "The columns of the export: year, department code, department, full name (empty for the department itself), "
        "award code. A file with a wrong row imports nothing."
    )
    success_url = reverse_lazy("registrations:index")
    job_kind = "import-registrations"

    def done(self, count):
        return _("Imported: %(count)s registrations.") % {"count": count}
