"""Request bodies: JSON only (and multipart where a file is uploaded), bounded and cleaned before any view sees them.

A body nested deeper than ``MAX_DEPTH`` is a 400 (Python's parser would recurse until it fails, a 500), one larger
than ``API_MAX_JSON_BYTES`` a 413; every string is cleaned at the boundary (``printing.text``: NFC, no control
characters, bidirectional overrides refused).
"""

import json

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError

from ground.printing.text import UnsafeText, clean_data

from .errors import RequestTooLarge

MAX_DEPTH = 32


def _too_deep(text):
    """Whether brackets outside strings nest deeper than MAX_DEPTH (a linear scan, no recursion)."""
    depth, in_string, escaped = 0, False, False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return True
        elif char in "]}":
            depth -= 1
    return False


def _cleaned(data):
    try:
        return clean_data(data)
    except UnsafeText as exc:
        raise ParseError(str(exc)) from exc


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        raw = stream.read(settings.API_MAX_JSON_BYTES + 1) if stream is not None else b""
        if len(raw) > settings.API_MAX_JSON_BYTES:
            raise RequestTooLarge()
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError as exc:
            raise ParseError(_("The request body is not valid JSON.")) from exc
        if _too_deep(text):
            raise ParseError(_("The request body is nested too deeply."))
        try:
            data = json.loads(text, parse_constant=_refuse_constant)
        except (ValueError, RecursionError) as exc:
            raise ParseError(_("The request body is not valid JSON.")) from exc
        return _cleaned(data)


def _refuse_constant(name):
    raise ValueError(f"{name} is not JSON")


class MultiPartParser(parsers.MultiPartParser):
    def parse(self, stream, media_type=None, parser_context=None):
        result = super().parse(stream, media_type, parser_context)
        data = result.data.copy()
        for key in list(data.keys()):
            data.setlist(key, [_cleaned(v) for v in data.getlist(key)])
        return parsers.DataAndFiles(data, result.files)


class FormParser(parsers.FormParser):
    def parse(self, stream, media_type=None, parser_context=None):
        data = super().parse(stream, media_type, parser_context).copy()
        for key in list(data.keys()):
            data.setlist(key, [_cleaned(v) for v in data.getlist(key)])
        return data
