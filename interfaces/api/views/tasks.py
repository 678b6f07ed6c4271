"""Tasks of the process: list, claim, release, complete, all through workflows.services."""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from viewflow.workflow.models import Task

from process.workflows import selectors as process_selectors
from process.workflows import services as process

from .. import serializers as s
from .base import ApiListView, ApiView, validated
from .dossiers import dossier_detail


class TaskListView(ApiListView):
    serializer_class = s.TaskSerializer

    def get_queryset(self):
        return process_selectors.tasks_for(self.request.user)


def _task(pk):
    return Task.objects.select_related("owner", "process__dossierprocess__dossier").get(pk=pk)


class TaskClaimView(ApiView):
    @extend_schema(request=None, responses=s.TaskSerializer)
    def post(self, request, pk):
        process.task_claim(acting_user=request.user, task_id=pk)
        return Response(s.TaskSerializer(_task(pk)).data)


class TaskReleaseView(ApiView):
    @extend_schema(request=None, responses=s.TaskSerializer)
    def post(self, request, pk):
        process.task_release(acting_user=request.user, task_id=pk)
        return Response(s.TaskSerializer(_task(pk)).data)


class TaskCompleteView(ApiView):
    body_rules = {
        "POST": (
            "the action is one of the task's step's (its form lists them), with the fields that step asks for",
            (400,),
        )
    }

    def may_post(self, request, pk):
        process.require_may_complete(acting_user=request.user, task_id=pk)

    @extend_schema(request=s.TaskCompleteSerializer, responses=s.DossierDetailSerializer)
    def post(self, request, pk):
        data = validated(s.TaskCompleteSerializer, request.data)
        task = process.task_complete(
            acting_user=request.user,
            task_id=pk,
            action=data["action"],
            comment=data["comment"],
            fields=s.TaskCompleteSerializer.step_fields(data),
        )
        return dossier_detail(request, _task(task.pk).process.dossierprocess.dossier_id)
