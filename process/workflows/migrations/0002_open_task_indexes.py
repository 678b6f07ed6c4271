"""Indexes the task lists need at 100,000 dossiers (issue 18), on viewflow's task table (viewflow declares none
for them): the open tasks newest first (inbox, queue) and by process (the menu's counts), and a process's tasks in
their order (dossier page, trail).
Partial and descending indexes exist in PostgreSQL and SQLite alike."""

from django.db import migrations

OPEN = "status IN ('NEW', 'ASSIGNED')"


class Migration(migrations.Migration):
    dependencies = [
        ("workflows", "0001_initial"),
        ("viewflow", "0015_task_scheduled"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX workflows_task_open_created ON viewflow_task (created DESC, id DESC) WHERE {OPEN}",
            "DROP INDEX workflows_task_open_created",
        ),
        migrations.RunSQL(  # the open tasks by process: a count of an empty queue reads these, not every task
            f"CREATE INDEX workflows_task_open_process ON viewflow_task (process_id) WHERE {OPEN}",
            "DROP INDEX workflows_task_open_process",
        ),
        migrations.RunSQL(
            "CREATE INDEX workflows_task_process_created ON viewflow_task (process_id, created, id)",
            "DROP INDEX workflows_task_process_created",
        ),
    ]
