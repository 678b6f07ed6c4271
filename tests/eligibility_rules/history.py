"""Building a nominee's record over several years, as the secretariat would enter it."""

from datetime import date

from domain.dossiers.models import AwardRecord
from domain.dossiers.services.dossiers import award_for_period
from domain.records.models import Initiative, YearlyRating
from ground.organisation.models import Period


def give(nominee, code, *years):
    for year in years:
        award = award_for_period(code, Period(year=year))
        kind = "person" if hasattr(nominee, "full_name") else "department"
        AwardRecord.objects.create(
            organisation_id=nominee.organisation_id,
            award=award,
            year=year,
            decision_number=f"{year}/QĐ-TCT",
            decision_date=date(year, 12, 20),
            **{kind: nominee},
        )


def rate(nominee, rating, *years):
    kind = "person" if hasattr(nominee, "full_name") else "department"
    for year in years:
        YearlyRating.objects.create(year=year, rating=rating, **{kind: nominee})


def initiative(person, year, scope="school", status="recognised"):
    item = Initiative.objects.create(
        organisation_id=person.organisation_id, title=f"Sáng kiến {year}", year=year, scope=scope, status=status
    )
    item.authors.add(person)
    return item


def register(nominee, year, code="LDTT"):
    """Đăng ký thi đua: the nominee aimed for a title that year (titles are considered only then)."""
    from django.contrib.auth import get_user_model

    from domain.emulation.models import Registration

    person = nominee if hasattr(nominee, "full_name") else None
    Registration.objects.create(
        organisation_id=nominee.organisation_id,
        year=year,
        department_id=person.department_id if person else nominee.pk,
        person=person,
        award_code=code,
        registered_by=get_user_model().objects.get(username="admin"),
    )
