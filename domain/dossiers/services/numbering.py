"""Numbers that run per organisation, year and type with no gaps and no duplicates."""

from django.db import connection, transaction

from ..models import NumberSequence


def number_take(*, organisation, year, doc_type):
    """Take the next number; the row lock holds concurrent takers until this transaction ends.

    One statement once the sequence exists (an UPDATE … RETURNING takes the lock and the number together).
    """
    organisation_id = getattr(organisation, "pk", organisation)
    with transaction.atomic(savepoint=False):
        number = _increment(organisation_id, year, doc_type)
        if number is None:  # the first number of this year and type
            NumberSequence.objects.get_or_create(organisation_id=organisation_id, year=year, doc_type=doc_type)
            number = _increment(organisation_id, year, doc_type)
        return number


def _increment(organisation_id, year, doc_type):
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {NumberSequence._meta.db_table} SET last_number = last_number + 1 "  # noqa: S608 — our table
            "WHERE organisation_id = %s AND year = %s AND doc_type = %s RETURNING last_number",
            [organisation_id, year, doc_type],
        )
        row = cursor.fetchone()
    return row[0] if row else None
