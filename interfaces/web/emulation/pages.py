"""Pages of plans, movements (with their summaries and linked dossiers) and clusters. Thin over the services."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from domain.dossiers.models import Dossier
from domain.emulation import movements, policies, selectors
from domain.emulation.models import EmulationPlan, Movement, MovementSummary
from ground.base import errors
from ground.organisation.selectors import staff_of


def _staff(request):
    if not policies.can_view_movements(request.user):
        raise errors.NotAllowed()
    staff = staff_of(request.user)
    if staff is None:
        raise errors.NotAllowed()
    return staff


def _year(request):
    value = request.GET.get("year", "")
    return int(value) if value.isdigit() else timezone.localdate().year


class MovementListView(LoginRequiredMixin, View):
    def get(self, request):
        staff = _staff(request)
        year = _year(request)
        context = {
            "year": year,
            "plans": EmulationPlan.objects.filter(organisation_id=staff.organisation_id, year=year),
            "movements": selectors.movements_of_year(staff.organisation_id, year),
            "can_manage": policies.can_manage_movements(request.user),
        }
        return render(request, "emulation/movements.html", context)


class MovementDetailView(LoginRequiredMixin, View):
    def _movement(self, request, pk):
        staff = _staff(request)
        movement = (
            Movement.objects.filter(organisation_id=staff.organisation_id, pk=pk)
            .select_related("plan")
            .prefetch_related("target_departments")
            .first()
        )
        if movement is None:
            raise errors.NotVisible()
        return movement

    def get(self, request, pk):
        movement = self._movement(request, pk)
        year = _year(request)
        context = {
            "movement": movement,
            "year": year,
            "summaries": movement.summaries.order_by("-year", "stage"),
            "dossiers": movement.dossiers.select_related("award", "nominee_person", "nominee_department", "department"),
            "candidates": Dossier.objects.filter(organisation_id=movement.organisation_id, period__year=year)
            .exclude(movements=movement)
            .select_related("award", "nominee_person", "nominee_department")
            .order_by("reference"),
            "stages": MovementSummary.Stage.choices,
            "can_manage": policies.can_manage_movements(request.user),
        }
        return render(request, "emulation/movement.html", context)

    def post(self, request, pk):
        action = request.POST.get("action")
        try:
            if action == "draft":
                movements.movement_summary_draft(
                    acting_user=request.user,
                    movement_id=pk,
                    stage=request.POST.get("stage", ""),
                    year=int(request.POST.get("year") or timezone.localdate().year),
                )
                messages.success(request, _("The summary was drafted from the data."))
            elif action == "complete":
                movements.movement_summary_complete(
                    acting_user=request.user,
                    summary_id=int(request.POST.get("summary") or 0),
                    results=request.POST.get("results", ""),
                    shortcomings=request.POST.get("shortcomings", ""),
                    next_steps=request.POST.get("next_steps", ""),
                    document=request.POST.get("document", ""),
                )
                messages.success(request, _("The summary is complete."))
            elif action == "link":
                ids = [int(v) for v in request.POST.getlist("dossiers") if v.isdigit()]
                movements.movement_dossiers_link(acting_user=request.user, movement_id=pk, dossier_ids=ids)
                messages.success(request, _("The dossiers were linked to the movement."))
            else:
                raise errors.InvalidInput()
        except errors.DomainError as exc:
            if exc.status in (403, 404):
                raise
            messages.error(request, " ".join([str(exc.message)] + [str(m) for ms in exc.errors.values() for m in ms]))
        return redirect(reverse("registrations:movement", args=[pk]))


class ClusterListView(LoginRequiredMixin, View):
    def get(self, request):
        staff = _staff(request)
        return render(request, "emulation/clusters.html", {"clusters": selectors.clusters_of(staff.organisation_id)})
