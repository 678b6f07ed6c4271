"""Text as it crosses the boundary: one cleaning for everything a user or a remote system sends us.

Every text that reaches the database goes through ``clean_text``: Unicode NFC (a Vietnamese name typed with combining
marks, NFD, and the same name precomposed are one string), NUL and the other control characters removed (PostgreSQL
refuses NUL in text; the others are invisible), likewise the zero-width space, word joiner and byte-order mark, tabs
and line breaks kept. Bidirectional overrides and isolates
(U+202A-U+202E, U+2066-U+2069) make a file name or a reason read differently from what it is: they are refused
(``UnsafeText``), or removed where nobody can be asked again (``strict=False``: a remote system's reply).
"""

import re
import unicodedata

from django.utils.translation import gettext_lazy as _

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# C0 and C1 controls but tab, line feed and carriage return; DEL; the invisible zero-width space, word joiner and
# byte-order mark (a reason made of them alone would look empty; Vietnamese never needs them).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u2060\ufeff]")
_BIDI = re.compile("[" + "".join(sorted(BIDI_CONTROLS)) + "]")


class UnsafeText(ValueError):
    """A text carries a bidirectional override: refused."""

    message = _("The text contains invisible direction-changing characters; remove them and try again.")


def clean_text(value, *, strict=True):
    """``value`` NFC-normalised without control characters; bidi overrides refused (``strict``) or removed."""
    if not isinstance(value, str):
        return value
    value = unicodedata.normalize("NFC", _CONTROL.sub("", value))
    if _BIDI.search(value):
        if strict:
            raise UnsafeText(str(UnsafeText.message))
        value = _BIDI.sub("", value)
    return value


def clean_data(data, *, strict=True):
    """``clean_text`` over every string (keys included) of parsed JSON or form data."""
    if isinstance(data, str):
        return clean_text(data, strict=strict)
    if isinstance(data, dict):
        return {clean_text(k, strict=strict): clean_data(v, strict=strict) for k, v in data.items()}
    if isinstance(data, list):
        return [clean_data(v, strict=strict) for v in data]
    return data
