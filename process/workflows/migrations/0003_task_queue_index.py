"""The tasks waiting in a queue (human, not yet claimed) by process, with who may take them (issue 18).

A queue and the menu's count of it filter on the task's permission, "no permission" or its owner (viewflow's
``user_queue``), an OR the planner cannot serve from an index; it read every open task's row to find that a
department head's queue is empty (41 ms at 100,000 dossiers). This index holds those rows only, with the columns
of that filter: an index-only scan (6 ms). Plain columns rather than INCLUDE, so that SQLite builds it too."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("workflows", "0002_open_task_indexes")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX workflows_task_queue ON viewflow_task (process_id, owner_permission, owner_id) "
            "WHERE status = 'NEW' AND flow_task_type = 'HUMAN'",
            "DROP INDEX workflows_task_queue",
        ),
    ]
