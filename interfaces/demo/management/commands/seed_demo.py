from django.core.management.base import BaseCommand

from ground.organisation.roles import LABELS
from interfaces.demo import history as eligibility_demo
from interfaces.demo import seed as demo
from interfaces.demo import year as demo_year


class Command(BaseCommand):
    help = "Create the demo school, its people and dossiers at every step (idempotent); print the logins."

    def handle(self, *args, **options):
        users = demo.seed()
        eligibility_demo.seed()  # ratings, past awards, initiatives, registration deadline (issue 9)
        report = demo_year.seed(users=users)  # plans, movements, cluster, fund, the 2025 year-end report (issue 19)
        if report:
            self.stdout.write(f"2025 year-end report: {report}")
        self.stdout.write(self.style.SUCCESS(f"Demo logins (password: {demo.PASSWORD})"))
        for username, user in users.items():
            role = ", ".join(str(LABELS[g]) for g in user.groups.values_list("name", flat=True))
            self.stdout.write(f"  {username:<18} {role}")
