"""The one place that computes deadlines: service levels, due times and reminder slots, in working days."""

from datetime import timedelta

from domain.council.services.rules import effective_rule, regulation_for_session
from ground.base import reference
from ground.workdays import services as cal

from .models import ServiceLevel

DEFAULT_LEVEL = ServiceLevel(working_days=5, remind_before=2, remind_every=2, escalate_after=3)
# The steps a province award still goes through before it leaves for the province.
# "posting" stands for the council's stage: its length is the award's public posting (the vote itself is a day).
PROVINCE_PATH = ["check_completeness", "posting", "sign_submission"]
STAGE_OF = {"resolve_objection": "posting"}


def service_level_for(step, *, award_id=None, period_id=None, on_date=None):
    """The most specific level in force on ``on_date``: period+award, period, award, then the default."""
    on_date = on_date or cal.today()
    found = [
        r
        for r in reference.rows(ServiceLevel)
        if r.step == step
        and r.effective_from <= on_date
        and r.award_id in (award_id, None)
        and r.period_id in (period_id, None)
    ]
    return max(
        found, key=lambda r: (r.period_id is not None, r.award_id is not None, r.effective_from), default=DEFAULT_LEVEL
    )


def due_at(start, working_days, organisation_id=None):
    """The end (17:00) of the n-th working day after the day the task arrived."""
    day = cal.add_working_days(cal.local_date(start), working_days, organisation_id)
    return cal.end_of_working_day(day)


def _due_day(deadline):
    return cal.local_date(deadline.due_at)


def _org(deadline):
    return deadline.dossier.organisation_id


def reminder_slots(deadline):
    """The reminder slots in time order: before, due, then overdue-2, overdue-4, … (08:00 of each day)."""
    day, org = _due_day(deadline), _org(deadline)
    if deadline.remind_before:
        yield "before", cal.start_of_working_day(cal.add_working_days(day, -deadline.remind_before, org))
    yield "due", cal.start_of_working_day(day)
    k = deadline.remind_every
    while True:
        yield f"overdue-{k}", cal.start_of_working_day(cal.add_working_days(day, k, org))
        k += deadline.remind_every


def escalation_at(deadline):
    return cal.start_of_working_day(cal.add_working_days(_due_day(deadline), deadline.escalate_after, _org(deadline)))


def current_slot(deadline, now):
    """The latest slot that has come (older missed ones are not sent late), or None."""
    current = None
    for key, at in reminder_slots(deadline):
        if at > now:
            return current
        if at > deadline.started_at:
            current = key


def next_check(deadline, after):
    candidates = [next(at for _key, at in reminder_slots(deadline) if at > after)]
    if deadline.escalated_at is None:
        candidates.append(max(escalation_at(deadline), after + timedelta(seconds=1)))
    return min(candidates)


def misses_province(dossier, step, due):
    """Ahead of time: will the remaining steps' service levels end after the province's date?"""
    limit = dossier.period.province_submission_date
    step = STAGE_OF.get(step, step)
    if limit is None or dossier.award.decided_by_unit or step not in PROVINCE_PATH + ["correct"]:
        return False
    remaining = PROVINCE_PATH[PROVINCE_PATH.index(step) + 1 :] if step in PROVINCE_PATH else PROVINCE_PATH
    day = cal.local_date(due)
    for later in remaining:
        day = cal.add_working_days(day, _stage_days(dossier, later), dossier.organisation_id)
    return day > limit


def _stage_days(dossier, stage):
    if stage == "posting":  # the council's rule (the school's regulation in force) says how long the posting is
        _regulation, values = regulation_for_session(dossier.organisation_id, cal.today())
        return effective_rule(dossier.award, values).posting_days
    return service_level_for(stage, award_id=dossier.award_id, period_id=dossier.period_id).working_days
