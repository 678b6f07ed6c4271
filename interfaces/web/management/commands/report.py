from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from domain.reports.registry import REPORTS, report_build
from ground.organisation.models import Organisation


class Command(BaseCommand):
    help = "Build a report for a year and write it to a file (e.g. report year-end --period 2025 -o bao-cao.docx)."

    def add_arguments(self, parser):
        parser.add_argument("name", choices=sorted(REPORTS), help="which report")
        parser.add_argument("--period", type=int, required=True, help="the emulation year")
        parser.add_argument("-o", "--output", required=True, help="the file to write")
        parser.add_argument("--organisation", default="", help="the unit's symbol (default: the only unit)")

    def handle(self, *args, name, period, output, organisation, **options):
        units = Organisation.objects.all()
        if organisation:
            units = units.filter(code=organisation)
        if units.count() != 1:
            raise CommandError("Name the unit with --organisation (its symbol, e.g. TCT).")
        content, _filename = report_build(name, organisation_id=units.get().pk, year=period)
        Path(output).write_bytes(content)
        self.stdout.write(self.style.SUCCESS(f"{name} {period}: {len(content)} bytes written to {output}"))
