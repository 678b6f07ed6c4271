"""Task pages: thin views over ``workflows.services``; a domain error becomes a clear message."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from viewflow.workflow.models import Task

from domain.council.selectors import objections_of
from domain.deadlines.selectors import deadline_of, is_overdue
from domain.dossiers.selectors import dossier_get
from domain.dossiers.steps import STEPS
from domain.eligibility.selectors import dossier_eligibility
from ground.base import errors
from ground.base.forms import show_domain_error

from .forms import form_for
from .policies import can_claim, can_complete, can_release


def _services():
    # Imported late: services import the flow, whose nodes import these views.
    from . import services

    return services


def _task_for(user, task_pk):
    task = Task.objects.select_related("process", "owner", "deadline").filter(pk=task_pk).first()
    if task is None or task.flow_task.name not in STEPS:
        raise errors.NotVisible()
    dossier = dossier_get(user, task.process.coerced.dossier_id)
    return task, dossier


class TaskExecuteView(LoginRequiredMixin, View):
    template_name = "workflows/task.html"

    def get(self, request, process_pk, task_pk):
        task, dossier = _task_for(request.user, task_pk)
        return self._page(request, task, dossier, form_for(STEPS[task.flow_task.name], dossier=dossier))

    def post(self, request, process_pk, task_pk):
        task, dossier = _task_for(request.user, task_pk)
        form = form_for(STEPS[task.flow_task.name], request.POST, request.FILES, dossier=dossier)
        if not form.is_valid():
            return self._page(request, task, dossier, form, status=400)
        try:
            _services().task_complete(
                acting_user=request.user,
                task_id=task.pk,
                action=form.cleaned_data["action"],
                comment=form.cleaned_data["comment"],
                fields=form.step_fields(),
            )
        except errors.DomainError as exc:
            if isinstance(exc, errors.NotVisible):
                raise
            show_domain_error(form, exc, message_on_form=False)
            messages.error(request, exc.message)
            task.refresh_from_db()
            return self._page(request, task, dossier, form, status=exc.status)
        messages.success(request, _("Done: %(step)s.") % {"step": STEPS[task.flow_task.name].title})
        return redirect("dossiers:detail", pk=dossier.pk)

    def _page(self, request, task, dossier, form, status=200):
        step = STEPS[task.flow_task.name]
        context = {
            "task": task,
            "deadline": deadline_of(task),
            "overdue": is_overdue(deadline_of(task)),
            "step": step,
            "dossier": dossier,
            "form": form,
            "can_complete": task.status in ("NEW", "ASSIGNED") and can_complete(request.user, task),
            "can_claim": task.status == "NEW" and can_claim(request.user, task),
            "can_release": task.status == "ASSIGNED" and can_release(request.user, task),
            "release_url": task.flow_task.reverse("unassign", args=[task.process_id, task.pk]),
            "eligibility": dossier_eligibility(dossier),  # issue 9: the council and the principal see it
            "objections": objections_of(request.user, dossier) if step.name == "resolve_objection" else None,
        }
        return render(request, self.template_name, context, status=status)


class _TaskActionView(LoginRequiredMixin, View):
    service = None
    success_message = ""

    def post(self, request, process_pk, task_pk):
        task, dossier = _task_for(request.user, task_pk)
        try:
            getattr(_services(), self.service)(acting_user=request.user, task_id=task.pk)
        except errors.DomainError as exc:
            if isinstance(exc, errors.NotVisible):
                raise
            messages.error(request, exc.message)
            return render(
                request, "workflows/refused.html", {"message": exc.message, "dossier": dossier}, status=exc.status
            )
        messages.success(request, self.success_message)
        return redirect(task.flow_task.reverse("execute", args=[task.process_id, task.pk]))

    def get(self, request, process_pk, task_pk):
        task, dossier = _task_for(request.user, task_pk)
        return redirect(reverse("dossiers:detail", args=[dossier.pk]))


class TaskClaimView(_TaskActionView):
    service = "task_claim"

    @property
    def success_message(self):
        return _("The task is now yours.")


class TaskReleaseView(_TaskActionView):
    service = "task_release"

    @property
    def success_message(self):
        return _("The task is back in the queue.")
