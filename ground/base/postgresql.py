"""Migration operations for what only PostgreSQL has (functions, triggers, extended statistics, trigram indexes).

SQLite, the embedded default, has none of these objects and needs none at its sizes: there the operation does
nothing, forwards or backwards.
"""

from django.db import migrations


def postgresql_only(forwards, backwards):
    """A migration operation running ``forwards`` (a statement or a list of them) on PostgreSQL, ``backwards`` when
    the migration is reversed."""

    def runner(statements):
        statements = [statements] if isinstance(statements, str) else list(statements)

        def run(apps, schema_editor):
            if schema_editor.connection.vendor == "postgresql":
                for statement in statements:
                    schema_editor.execute(statement, params=None)

        return run

    return migrations.RunPython(runner(forwards), runner(backwards), elidable=False)
