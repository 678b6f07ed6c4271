"""Who is next up when a task is late: department head -> secretariat -> principal."""

from ground.organisation import roles

# The next level up for each step: department head -> secretariat -> principal (the top: told itself).
ESCALATE_TO = {
    "correct": roles.SECRETARIAT,
    "check_completeness": roles.PRINCIPAL,
    "resolve_objection": roles.PRINCIPAL,
    "record_province": roles.PRINCIPAL,
    "sign_decision": roles.PRINCIPAL,
    "sign_submission": roles.PRINCIPAL,
}


def escalation(people, step, dossier):
    role = ESCALATE_TO.get(step, roles.PRINCIPAL)
    return people.members(role, dossier.organisation_id)
