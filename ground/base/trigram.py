"""Trigram indexes (PostgreSQL's pg_trgm) for the searches by part of a name or number (``icontains``).

A search like ``nominee name contains "lan"`` or ``actor contains "thuongtruc"`` cannot use a b-tree: at 100,000
dossiers and 300,000 audit events it read every row. The index is on ``UPPER(column)``, the expression Django's
``icontains`` compares on PostgreSQL. SQLite (the embedded default) has no such index and needs none at its sizes.
"""

from .postgresql import postgresql_only


def trigram_index(table, column, name):
    """A migration operation: the index on PostgreSQL (with the extension, created once), nothing elsewhere."""
    return postgresql_only(
        [
            "CREATE EXTENSION IF NOT EXISTS pg_trgm",
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" USING gin (UPPER("{column}"::text) gin_trgm_ops)',
        ],
        f'DROP INDEX IF EXISTS "{name}"',
    )
