from django.core.management.base import BaseCommand, CommandError

from ground.audit.services import audit_verify


class Command(BaseCommand):
    help = "Recompute the audit trail's hash chain; name the first event that does not fit (exit status 1)."

    def handle(self, *args, **options):
        result = audit_verify()
        if not result["ok"]:
            raise CommandError(
                f"audit chain broken at event {result['first_broken']} ({result['events']} events in the trail)"
            )
        self.stdout.write(self.style.SUCCESS(f"audit chain intact: {result['events']} events"))
