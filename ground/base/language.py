"""Which language: the one a page is read in, and the one the system writes records in."""

from contextlib import nullcontext

from django.conf import settings
from django.utils import translation


def english_active():
    """The request (or block) is read in English: pick a row's ``*_en`` text over its Vietnamese one."""
    return (translation.get_language() or settings.LANGUAGE_CODE).startswith("en")


def records_language():
    """A block whose translated text goes into a record (a session's default title, a ledger line's reason, a
    dossier's status reason, the audit trail's name of an object): written in the organisation's language,
    Vietnamese, whatever language the acting user reads the site in. The record is an official one, and everyone
    who opens it reads it as it is stored. Nothing to switch (the usual case, on the audit trail's path): no switch."""
    if translation.get_language() == settings.LANGUAGE_CODE:
        return nullcontext()
    return translation.override(settings.LANGUAGE_CODE)
