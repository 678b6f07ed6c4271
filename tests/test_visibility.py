"""Who sees a dossier: decided on the loaded row (``policies._row_visible``, no query) exactly as the database filter
``visibility_q`` decides it, for every demo login, every status, both departments and another unit (issue 18)."""

import pytest

from domain.dossiers import policies
from domain.dossiers.models import Dossier, DossierStatus
from domain.dossiers.services import dossiers as dossier_svc
from ground.organisation.models import Organisation, StaffMember

pytestmark = pytest.mark.django_db


def _dossiers(people):
    head = people["truongkhoa.llcs"]
    person = StaffMember.objects.create(
        organisation=people["org"], department=head.staff.department, full_name="Người được đề nghị"
    )
    first = dossier_svc.dossier_create(
        acting_user=head, period_year=2026, award_code="BANGKHEN_TINH", nominee_kind="person", nominee_id=person.pk
    )
    other_dept = next(d for d in people["depts"].values() if d.pk != head.staff.department_id)
    elsewhere = Organisation.objects.create(code="KHAC", name="Đơn vị khác", place="Lai Châu")
    rows = []
    for status in DossierStatus.values:
        for organisation, department in ((people["org"], head.staff.department), (people["org"], other_dept)):
            rows.append((status, organisation.pk, department.pk))
        rows.append((status, elsewhere.pk, head.staff.department_id))
    made = []
    for i, (status, organisation_id, department_id) in enumerate(rows):
        first.pk = None
        first.reference = f"HS-T-{i:05d}"
        first.status, first.organisation_id, first.department_id = status, organisation_id, department_id
        first._state.adding = True
        first.save()
        made.append(first.pk)
    return made


def test_row_and_query_agree_for_every_login_and_status(people):
    ids = _dossiers(people)
    logins = [u for k, u in people.items() if k not in ("org", "depts")]
    assert len(logins) >= 8
    disagree, answers = [], set()
    for user in logins:
        by_query = set(Dossier.objects.filter(policies.visibility_q(user), pk__in=ids).values_list("pk", flat=True))
        for dossier in Dossier.objects.filter(pk__in=ids):
            assert policies._loaded(dossier)
            answers.add(dossier.pk in by_query)
            if policies._row_visible(user, dossier) != (dossier.pk in by_query):
                disagree.append((user.username, dossier.status, dossier.organisation_id, dossier.department_id))
    assert disagree == []
    assert answers == {True, False}


def test_a_bare_dossier_is_asked_of_the_database(people):
    ids = _dossiers(people)
    secretariat = people["thuongtruc"]
    bare = Dossier(pk=ids[0])
    bare._state.adding = False
    assert not policies._loaded(bare)
    expected = Dossier.objects.filter(policies.visibility_q(secretariat), pk=ids[0]).exists()
    assert policies.can_view_dossier(secretariat, bare) is expected
