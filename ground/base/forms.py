"""How a page shows a domain refusal: the one helper every form view uses; the date picker of every form."""

import datetime

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

CHOOSE = _("— Choose —")  # the empty choice of a drop-down (Django's "---------" otherwise)


def show_domain_error(form, exc, *, message_on_form=True):
    """A service's refusal shown on the form that sent it: each field's messages on the field (or on the form when
    the form has no such field), the refusal's own message on the form when no field is named. Input is kept."""
    for field, msgs in exc.errors.items():
        for msg in msgs:
            form.add_error(field if field in form.fields else None, msg)
    if message_on_form and not exc.errors:
        form.add_error(None, exc.message)


class DatePickerInput(forms.DateInput):
    """A date field's picker: ``<input type="date">``, the browser's own calendar (keyboard and screen-reader
    accessible, no script). The browser sends the ISO value (yyyy-mm-dd), which ``DATE_INPUT_FORMATS`` accept next
    to dd/mm/yyyy; it shows the date as dd/mm/yyyy on a Vietnamese page. Dates shown as text stay dd/mm/yyyy."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")

    def format_value(self, value):
        """A typed value sent back to the page (dd/mm/yyyy) is shown as the ISO date the picker reads."""
        if isinstance(value, str):
            for fmt in formats.get_format("DATE_INPUT_FORMATS"):
                try:
                    return datetime.datetime.strptime(value.strip(), fmt).date().isoformat()
                except ValueError:
                    continue
        return super().format_value(value)


class DatePickerField(forms.DateField):
    """A ``DateField`` with the picker."""

    widget = DatePickerInput


class ConfirmField(forms.BooleanField):
    """The box to tick before an irreversible action (conclude, withdraw): checked by the server, not by a script;
    the page's checkbox also carries ``required``."""

    def __init__(self, label, **kwargs):
        kwargs.setdefault("error_messages", {"required": _("Tick the box to confirm: this cannot be undone.")})
        super().__init__(label=label, required=True, **kwargs)
