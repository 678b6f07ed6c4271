"""Issue 15: one school regulation. The versioned ``organisation.SchoolRegulation`` the council reads is also what
the decisions and letters cite among their grounds (its number, date and issuer); the duplicate
``official.Regulation`` is gone, its rows moved by a data migration."""

import datetime as dt
import io

import pytest
from django.apps import apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from pypdf import PdfReader

from domain.dossiers.models import IssuedDocument
from ground.organisation.models import Organisation, SchoolRegulation
from tests.helpers import approved_dossiers, login

D = IssuedDocument


def _flat(data):
    return " ".join("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())


def _previews(client, people, documents):
    login(client, people["hieutruong"])
    texts = {}
    for document in documents:
        response = client.get(f"/official/batches/{document.pk}/preview/")
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        texts[document.doc_type] = _flat(response.content)
    return texts


@pytest.mark.django_db
def test_the_decision_and_the_letter_cite_the_regulation_the_council_read(client, people):
    with pytest.raises(LookupError):
        apps.get_model("official", "Regulation")  # one model only
    first = SchoolRegulation.objects.create(
        organisation=people["org"],
        number="05/QĐ-TCT",
        signed_on=dt.date(2024, 1, 10),
        effective_from=dt.date(2024, 1, 15),
        issued_by_title="Hiệu trưởng Trường Chính trị",
    )
    dossiers, session = approved_dossiers(people, [("LDTT", "llcs"), ("BANGKHEN_TINH", "xdd")])
    assert session.regulation == first  # the council read this very record

    login(client, people["thuongtruc"])
    assert client.post("/official/batches/", {"session": [session.pk]}).status_code == 302
    documents = list(D.objects.filter(status=D.Status.DRAFT).order_by("doc_type"))
    assert sorted(d.doc_type for d in documents) == ["QĐ", "TTr"]
    cited = (
        "Căn cứ Quy chế thi đua, khen thưởng ban hành kèm theo Quyết định số 05/QĐ-TCT ngày 10/01/2024 "
        "của Hiệu trưởng Trường Chính trị"
    )
    for doc_type, text in _previews(client, people, documents).items():
        assert cited in text, (doc_type, text[:1500])

    # The school adopts a new version: documents dated after it comes into force cite it (and only it).
    today = timezone.localdate()
    SchoolRegulation.objects.create(
        organisation=people["org"],
        number="12/QĐ-TCT",
        title="Quy chế thi đua, khen thưởng (sửa đổi)",
        signed_on=today - dt.timedelta(days=5),
        effective_from=today - dt.timedelta(days=3),
    )
    for text in _previews(client, people, documents).values():
        assert "Quy chế thi đua, khen thưởng (sửa đổi) ban hành kèm theo Quyết định số 12/QĐ-TCT ngày " in text
        assert "05/QĐ-TCT" not in text


@pytest.mark.django_db
def test_without_a_regulation_recorded_no_regulation_is_cited(client, people):
    dossiers, session = approved_dossiers(people, [("LDTT", "llcs")])
    assert session.regulation is None  # the council used the defaults
    login(client, people["thuongtruc"])
    assert client.post("/official/batches/", {"session": [session.pk]}).status_code == 302
    (text,) = _previews(client, people, D.objects.filter(status=D.Status.DRAFT)).values()
    assert "Căn cứ Luật Thi đua, khen thưởng" in text and "Quy chế thi đua" not in text


@pytest.mark.django_db(transaction=True)
def test_the_migration_moves_the_old_regulations_into_the_school_regulation():
    """official 0006 on a database holding rows of the old model: linked to the version of the same number (or in
    force from the same date), otherwise a new version in force from its date; then the old table is gone."""
    org = Organisation.objects.create(code="TMIG", name="Trường Chính trị thử", place="Lai Châu")
    kept = SchoolRegulation.objects.create(
        organisation=org, number="05/QĐ-TCT", signed_on=dt.date(2024, 1, 10), effective_from=dt.date(2024, 1, 15)
    )
    dated = SchoolRegulation.objects.create(
        organisation=org, number="07/QĐ-TCT", signed_on=dt.date(2024, 6, 1), effective_from=dt.date(2024, 6, 1)
    )
    before = [("official", "0005_regime_grounds")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old_apps = executor.loader.project_state(before).apps
    Regulation = old_apps.get_model("official", "Regulation")
    Regulation.objects.create(
        organisation_id=org.pk,
        number="05/QĐ-TCT",
        issued_on=dt.date(2024, 1, 10),
        title="Quy chế thi đua, khen thưởng",
        issued_by_title="Hiệu trưởng Trường Chính trị thử",
    )
    Regulation.objects.create(
        organisation_id=org.pk, number="", issued_on=dt.date(2024, 6, 1), issued_by_title="Hiệu trưởng"
    )
    Regulation.objects.create(organisation_id=org.pk, number="09/QĐ-TCT", issued_on=dt.date(2025, 2, 1))

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert "official_regulation" not in connection.introspection.table_names()

    versions = list(SchoolRegulation.objects.filter(organisation=org).order_by("effective_from"))
    assert [(v.number, v.signed_on, v.effective_from, v.issued_by_title) for v in versions] == [
        ("05/QĐ-TCT", dt.date(2024, 1, 10), dt.date(2024, 1, 15), "Hiệu trưởng Trường Chính trị thử"),  # linked
        ("07/QĐ-TCT", dt.date(2024, 6, 1), dt.date(2024, 6, 1), "Hiệu trưởng"),  # linked by its date
        ("09/QĐ-TCT", dt.date(2025, 2, 1), dt.date(2025, 2, 1), ""),  # a new version in force from its date
    ]
    assert versions[0].pk == kept.pk and versions[1].pk == dated.pk
    assert versions[2].ground() == (
        "Quy chế thi đua, khen thưởng ban hành kèm theo Quyết định số 09/QĐ-TCT ngày 01/02/2025"
    )
