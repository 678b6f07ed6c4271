"""Compile ``locale/*/LC_MESSAGES/*.po`` into ``.mo`` without GNU gettext.

Django's own ``compilemessages`` shells out to ``msgfmt``; a fresh machine (or the
slim Docker image) may not have it.  This command uses the pure-Python ``polib``
instead.  Fuzzy and obsolete entries are left out, as ``msgfmt`` does by default.
"""

import os
from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation.reloader import translation_file_changed


class Command(BaseCommand):
    help = "Compile every .po file under settings.LOCALE_PATHS into .mo (pure Python, polib)."

    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "-l",
            "--locale",
            action="append",
            default=[],
            help="Only compile these locales (repeatable). Default: all.",
        )

    def handle(self, *args, **options):
        only = set(options["locale"])
        po_files = []
        for base in settings.LOCALE_PATHS:
            base = Path(base)
            if not base.is_dir():
                continue
            for po_path in sorted(base.glob("*/LC_MESSAGES/*.po")):
                if only and po_path.parent.parent.name not in only:
                    continue
                po_files.append(po_path)

        if not po_files:
            self.stdout.write("No .po files found under LOCALE_PATHS; nothing to compile.")
            return

        changed = None
        for po_path in po_files:
            mo_path = po_path.with_suffix(".mo")
            try:
                catalog = polib.pofile(str(po_path), wrapwidth=0)
            except (OSError, ValueError) as exc:
                raise CommandError(f"Cannot read {po_path}: {exc}") from exc

            # to_binary() keeps only translated entries: fuzzy and obsolete ones are skipped.
            data = catalog.to_binary()
            translated = len(catalog.translated_entries())
            fuzzy = len(catalog.fuzzy_entries())
            untranslated = len(catalog.untranslated_entries())

            if mo_path.exists() and mo_path.read_bytes() == data:
                state = "up to date"
            else:
                tmp_path = mo_path.with_name(f".{mo_path.name}.{os.getpid()}.tmp")
                tmp_path.write_bytes(data)
                tmp_path.replace(mo_path)  # atomic: a running server never reads half a file
                state = "compiled"
                changed = mo_path

            self.stdout.write(
                f"{state}: {po_path} -> {mo_path.name} "
                f"({translated} translated, {fuzzy} fuzzy skipped, {untranslated} untranslated)"
            )

        if changed is not None:
            # When called in-process (call_command), drop catalogs cached from the old files.
            translation_file_changed(sender=None, file_path=changed)
