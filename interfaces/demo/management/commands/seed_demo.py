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
            forms = report.parent / "thong-ke-statistics-2026.xlsx"
            self.stdout.write(f"2026 statistical forms 0601-0605 (Circular 02/2023/TT-BNV): {forms}")
            self.stdout.write("Every report and form: /reports/ (log in as thuongtruc)")
        self.stdout.write(self.style.SUCCESS(f"Demo logins (password: {demo.PASSWORD})"))
        for username, user in users.items():
            role = ", ".join(str(LABELS[g]) for g in user.groups.values_list("name", flat=True))
            self.stdout.write(f"  {username:<18} {role}")
