"""Numbers that run per organisation, year and type with no gaps and no duplicates."""

from django.db import transaction

from ..models import NumberSequence


def number_take(*, organisation, year, doc_type):
    """Take the next number; the row lock holds concurrent takers until this transaction ends."""
    with transaction.atomic():
        NumberSequence.objects.get_or_create(organisation=organisation, year=year, doc_type=doc_type)
        seq = NumberSequence.objects.select_for_update().get(organisation=organisation, year=year, doc_type=doc_type)
        seq.last_number += 1
        seq.save(update_fields=["last_number"])
        return seq.last_number
