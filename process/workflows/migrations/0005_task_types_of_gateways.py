"""The type of the gateways' and ends' tasks inserted together (``nodes.links_together``) before their type was set
with them: viewflow's ``Task.save`` sets it, which a bulk insert does not call. Each is the type of its node."""

from django.db import migrations


def fill(apps, schema_editor):
    Task = apps.get_model("viewflow", "Task")
    untyped = Task.objects.filter(flow_task_type="")
    for node in untyped.values_list("flow_task", flat=True).distinct():
        if node is not None:
            untyped.filter(flow_task=node).update(flow_task_type=node.task_type)


class Migration(migrations.Migration):
    dependencies = [
        ("viewflow", "0015_task_scheduled"),
        ("workflows", "0004_task_routing_statistics"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
