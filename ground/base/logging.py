"""Logging filters, loaded by ``LOGGING`` before the apps (no Django imports here)."""

import logging


class Quiet403Filter(logging.Filter):
    """A refusal is an expected answer (and is recorded in the audit trail): log one line, not a traceback."""

    def filter(self, record):
        if getattr(record, "status_code", None) == 403:
            record.exc_info = None
            record.exc_text = None
        return True
