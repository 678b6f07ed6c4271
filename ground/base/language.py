"""The language of what the system writes into a record."""

from django.conf import settings
from django.utils import translation


def records_language():
    """A block whose translated text goes into a record (a session's default title, a ledger line's reason, a
    dossier's status reason): written in the organisation's language, Vietnamese, whatever language the acting
    user reads the site in. The record is an official one, and everyone who opens it reads it as it is stored."""
    return translation.override(settings.LANGUAGE_CODE)
