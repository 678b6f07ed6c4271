"""Writing many rows at once.

``rows_update`` is Django's ``bulk_update`` without its cost: Django writes ``SET f = CASE WHEN id = 1 THEN ... WHEN
id = 2 THEN ... END`` for every field, building, resolving and compiling an expression per row and field (tens of
milliseconds for a council session's twenty ballots, seconds for thousands of deadlines). On PostgreSQL the rows
go as one list of values joined to the table, each value cast to its column's type (a bare parameter in ``VALUES``
would be text). SQLite, the embedded default, keeps Django's statement: its sizes are small.
"""

from django.db import connection

MAX_PARAMETERS = 60_000  # PostgreSQL's protocol allows 65,535 parameters in one statement


def rows_update(objs, fields):
    """Write ``fields`` (names) of each object in ``objs`` (saved instances of one model) to its row, as
    ``Model.objects.bulk_update(objs, fields)`` would (no signals, no ``auto_now``). Returns the rows updated."""
    objs = list(objs)
    if not objs:
        return 0
    meta = objs[0]._meta.concrete_model._meta
    columns = [meta.pk] + [meta.get_field(name) for name in fields]
    if connection.vendor != "postgresql":
        return meta.model._base_manager.bulk_update(objs, fields)
    per_statement = max(1, MAX_PARAMETERS // len(columns))
    return sum(_update(meta, columns, objs[at : at + per_statement]) for at in range(0, len(objs), per_statement))


def _update(meta, columns, objs):
    quote = connection.ops.quote_name
    row = "(" + ", ".join(f"%s::{field.cast_db_type(connection)}" for field in columns) + ")"
    names = ", ".join(quote(field.column) for field in columns)
    key = quote(meta.pk.column)
    sets = ", ".join(f"{quote(field.column)} = v.{quote(field.column)}" for field in columns[1:])
    sql = (
        f"UPDATE {quote(meta.db_table)} AS t SET {sets} FROM (VALUES {', '.join([row] * len(objs))}) AS v({names}) "
        f"WHERE t.{key} = v.{key}"
    )
    params = [field.get_db_prep_save(getattr(obj, field.attname), connection) for obj in objs for field in columns]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount
