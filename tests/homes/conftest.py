import pytest
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS


@pytest.fixture
def demo(people, province_stub, settings):
    """The whole demo data (every step of the process), with the province package delivered: a record-province
    task waits for the secretariat."""
    from interfaces.demo import seed as demo_data
    from process.workflows import services

    settings.PROVINCE_ENDPOINT = province_stub.url
    demo_data.seed_dossiers(people["depts"], people)
    for job in Task.objects.filter(flow_task_type="JOB", status=STATUS.SCHEDULED):
        services.job_forward_to_province(job.pk, final_attempt=True)
    return people


DEMO_LOGINS = [
    "admin",
    "truongkhoa.llcs",
    "truongkhoa.xdd",
    "thuongtruc",
    "hoidong1",
    "hoidong3",
    "hoidong7",
    "hieutruong",
    "kiemtra",
    "canbo",
    "tinh",
]
