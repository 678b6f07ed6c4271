"""makemessages that also extracts ``_lazy("…")``: some views import gettext_lazy as ``_lazy`` next to gettext as
``_``; xgettext only knows the usual names, and those strings were never translated ("Withdraw the dossier")."""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    xgettext_options = [*makemessages.Command.xgettext_options, "--keyword=_lazy"]
