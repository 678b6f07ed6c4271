"""Extended statistics on how viewflow's tasks are routed (PostgreSQL; issue 18).

An inbox asks for "assigned to me, or waiting unclaimed at a step I may sign", newest first. The planner judged
each condition on its own (status, permission, step and owner are far from independent) and expected 42 rows of
15,000; so it read every open task and sorted them rather than walking the newest-first index until 25 were found
(the principal's inbox: 42 ms -> 0.6 ms at 100,000 dossiers). Multi-column MCV statistics let it see the
combinations. SQLite has no such statistics and needs none at its size."""

from django.db import migrations

from ground.base.postgresql import postgresql_only

CREATE = (
    "CREATE STATISTICS IF NOT EXISTS workflows_task_routing (mcv, dependencies) "
    "ON status, owner_permission, flow_task, owner_id FROM viewflow_task"
)
DROP = "DROP STATISTICS IF EXISTS workflows_task_routing"


class Migration(migrations.Migration):
    dependencies = [("workflows", "0003_task_queue_index")]

    operations = [postgresql_only([CREATE, "ANALYZE viewflow_task"], DROP)]
