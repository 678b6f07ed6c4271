"""Mức lương cơ sở as the law set it (domain.md); the administrator adds the next one when it changes."""

import datetime as dt

SALARIES = [
    (1_490_000, dt.date(2019, 7, 1), "Nghị định 38/2019/NĐ-CP"),
    (1_800_000, dt.date(2023, 7, 1), "Nghị định 24/2023/NĐ-CP"),
    (2_340_000, dt.date(2024, 7, 1), "Nghị định 73/2024/NĐ-CP"),
]


def load_base_salaries(apps):
    BaseSalary = apps.get_model("official", "BaseSalary")
    for amount, day, basis in SALARIES:
        BaseSalary.objects.get_or_create(effective_from=day, defaults={"amount": amount, "legal_basis": basis})
