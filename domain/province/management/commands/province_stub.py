from urllib.parse import urlparse

from django.conf import settings
from django.core.management.base import BaseCommand

from domain.province.stub import ProvinceStub


class Command(BaseCommand):
    help = "Run a reference province server that accepts signed packages and can answer with decisions."

    def add_arguments(self, parser):
        parser.add_argument("--fail-first", type=int, default=0, help="Answer 503 to the first N packages.")
        parser.add_argument(
            "--status", type=int, default=202, help="Answer this status after the failures (400: refuse)."
        )
        parser.add_argument("--delay", type=float, default=0.0, help="Wait this many seconds before answering.")
        parser.add_argument(
            "--decide", choices=["approved", "rejected", "returned"], help="Send this decision back for each package."
        )
        parser.add_argument("--answer-twice", action="store_true", help="Send each decision twice.")
        parser.add_argument(
            "--decisions-url",
            default=settings.SITE_URL.rstrip("/") + "/api/v1/province/decisions/",
            help="Where decisions are posted (our API).",
        )

    def handle(self, *args, fail_first, status, delay, decide, answer_twice, decisions_url, **options):
        url = urlparse(settings.PROVINCE_ENDPOINT)
        stub = ProvinceStub(
            secret=settings.PROVINCE_SECRET,
            host=url.hostname,
            port=url.port or 80,
            fail_first=fail_first,
            status_after_failures=status,
            delay=delay,
            decide=decide,
            decisions_url=decisions_url,
            answer_twice=answer_twice,
        )
        self.stdout.write(
            f"Province stub listening on {stub.url}" + (f"; decisions ({decide}) to {decisions_url}" if decide else "")
        )
        try:
            stub.server.serve_forever()
        except KeyboardInterrupt:
            pass
