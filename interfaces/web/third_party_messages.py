"""Messages of django-axes (the login lockout's pages in the admin) and of Django's admin that their own Vietnamese
catalogues lack, listed so that ``makemessages`` keeps them in ours (the catalogues of ``LOCALE_PATHS`` come first)."""

from django.utils.translation import gettext_noop

MESSAGES = (
    gettext_noop("User Agent"),
    gettext_noop("IP Address"),
    gettext_noop("HTTP Accept"),
    gettext_noop("Path"),
    gettext_noop("Attempt Time"),
    gettext_noop("Access lock out"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("GET Data"),
    gettext_noop("POST Data"),
    gettext_noop("Failed Logins"),
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("Logout Time"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
    gettext_noop("Form Data"),
    gettext_noop("Meta Data"),
    gettext_noop("Toggle theme (current theme: auto)"),
    gettext_noop("Toggle theme (current theme: light)"),
    gettext_noop("Toggle theme (current theme: dark)"),
    gettext_noop("Show counts"),
    gettext_noop("Hide counts"),
    gettext_noop("Skip to main content"),
)
