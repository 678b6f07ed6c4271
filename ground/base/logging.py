"""Logging filters, loaded by ``LOGGING`` before the apps (no Django imports here)."""

import logging


class Quiet403Filter(logging.Filter):
    """A refusal is an expected answer (and is recorded in the audit trail): log one line, not a traceback."""

    def filter(self, record):
        # Django logs a refusal as "Forbidden (…)" with the answer's status: 403, or the login page's 302 that an
        # anonymous visitor is sent to instead.
        if getattr(record, "status_code", None) == 403 or str(record.msg).startswith("Forbidden ("):
            record.exc_info = None
            record.exc_text = None
        return True
