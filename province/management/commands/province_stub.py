from urllib.parse import urlparse

from django.conf import settings
from django.core.management.base import BaseCommand

from province.stub import ProvinceStub


class Command(BaseCommand):
    help = "Run a reference province server that accepts signed packages (demos and manual tests)."

    def add_arguments(self, parser):
        parser.add_argument("--fail-first", type=int, default=0, help="Answer 503 to the first N packages.")

    def handle(self, *args, fail_first, **options):
        url = urlparse(settings.PROVINCE_ENDPOINT)
        stub = ProvinceStub(
            secret=settings.PROVINCE_SECRET, host=url.hostname, port=url.port or 80, fail_first=fail_first
        )
        self.stdout.write(f"Province stub listening on {stub.url}")
        try:
            stub.server.serve_forever()
        except KeyboardInterrupt:
            pass
