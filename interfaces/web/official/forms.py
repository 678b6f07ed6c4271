"""Forms of the batch documents' pages: types and required fields only; the services decide the rest."""

from django import forms
from django.utils.translation import gettext_lazy as _


class SignForm(forms.Form):
    """Ký: the signer's password (or their key's PIN), required, and an optional comment kept when the form fails."""

    confirm = forms.CharField(
        label=_("Confirm with your password or your key's PIN"),
        strip=False,  # a password is taken as typed
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
        error_messages={"required": _("Enter your password or your key's PIN to sign.")},
    )
    comment = forms.CharField(label=_("Comment"), max_length=4000, required=False)
