"""Concluding a session: each dossier selected (posted for objections) or not, and the minutes on every dossier."""

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.template.defaultfilters import floatformat
from django.utils import timezone
from django.utils.translation import gettext as _

from domain.dossiers.models import Document, Dossier, DossierStatus
from domain.dossiers.services.documents import documents_store_many
from domain.dossiers.services.dossiers import dossiers_transition
from domain.records.models import Initiative
from domain.records.services import initiative_council_decide
from ground.audit.services import record_event
from ground.base import errors
from ground.workdays.services import posting_window

from .. import notices, policies
from ..minutes import minutes_pdf
from ..models import Ballot, CouncilSession, PostingEntry
from .quotas import quota_checks
from .rules import effective_rule, session_values
from .sessions import locked_session

S = DossierStatus


def _not_selected_reason(ballot):
    if ballot.quota_cut:
        return _("Left out by the quota (see the session's minutes).")
    return _("%(approvals)s of %(base)s votes (%(percent)s%%), below the threshold of %(threshold)s%%.") % {
        "approvals": ballot.approvals,
        "base": ballot.base_count,
        "percent": floatformat(ballot.percent or 0, -2),
        "threshold": floatformat(ballot.threshold_percent, -2),
    }


def _result_data(ballot):
    return {
        "session": ballot.session_id,
        "approvals": ballot.approvals,
        "rejections": ballot.rejections,
        "base": ballot.base_count,
        "threshold": str(ballot.threshold_percent),
        "secret": ballot.secret,
        "quota_cut": ballot.quota_cut,
    }


def _posting(ballot, dossier, now):
    """The dossier's posting entry (stored with the others of the session)."""
    rule = effective_rule(dossier.award, session_values(ballot.session))
    opens_on, closes_on, closes_at = posting_window(now, rule.posting_days, dossier.organisation_id)
    return PostingEntry(
        session=ballot.session,
        dossier=dossier,
        posted_at=now,
        opens_on=opens_on,
        closes_on=closes_on,
        closes_at=closes_at,
    )


@transaction.atomic
def session_conclude(*, acting_user, session_id):
    """Kết luận phiên họp: returns the session's dossiers, each now posted (selected) or not awarded.

    The caller (the process layer) holds the flow's lock of every dossier and moves each process on.
    """
    session = locked_session(session_id)
    policies.require_run_sessions(acting_user, session.organisation_id)
    if session.status != CouncilSession.Status.IN_PROGRESS:
        raise errors.Conflict(_("Only a session in progress can be concluded."))
    ballots = list(session.ballots.exclude(status=Ballot.Status.WITHDRAWN).select_related("dossier", "initiative"))
    if any(b.status != Ballot.Status.CLOSED for b in ballots):
        raise errors.Conflict(_("Close every ballot of the session first."))
    if session.for_initiatives:
        _conclude_initiatives(session, ballots, acting_user)
        return []
    if any(c.exceeded and c.decision is None for c in quota_checks(session)):
        raise errors.QuotaUndecided()
    now = timezone.now()
    # Every dossier's row, locked in key order (the order every path takes), in one query; with the nominee that
    # the department's notice names.
    locked = Dossier.objects.select_for_update(of=("self",), no_key=True).select_related(
        "award", "nominee_person", "nominee_department"
    )
    found = locked.filter(pk__in=[b.dossier_id for b in ballots]).order_by("pk").in_bulk()
    dossiers, entries, moves = [], [], []
    for ballot in ballots:
        dossier = found[ballot.dossier_id]
        if ballot.selected:
            entries.append(_posting(ballot, dossier, now))
            status, action, reason = S.POSTED, "council_selected", ""
            data = {**_result_data(ballot), "posted_until": entries[-1].closes_on.isoformat()}
        else:
            status, action, reason = S.REJECTED, "council_rejected", _not_selected_reason(ballot)
            data = _result_data(ballot)
        moves.append((dossier, status, action, reason, data, ballot))
        dossiers.append(dossier)
    PostingEntry.objects.bulk_create(entries)
    dossiers_transition(moves, actor=acting_user, step="council_review")  # one UPDATE for the session's dossiers
    session.status = CouncilSession.Status.CONCLUDED
    session.concluded_at = now
    session.version += 1
    session.save(update_fields=["status", "concluded_at", "version"])
    _attach_minutes(session, dossiers, acting_user)
    notices.results_known(dossiers)
    record_event(
        actor=acting_user,
        action="council_session_concluded",
        obj=session,
        changes={"status": [CouncilSession.Status.IN_PROGRESS, CouncilSession.Status.CONCLUDED]},
        data={"selected": [b.dossier.reference for b in ballots if b.selected]},
    )
    return dossiers


def _vote_text(ballot):
    """ "5/7 (71,43%)": written on the initiative in Vietnamese, like the minutes, whatever the interface."""
    percent = f"{ballot.percent or 0:.2f}".rstrip("0").rstrip(".").replace(".", ",")
    return f"{ballot.approvals}/{ballot.base_count} ({percent}%)"


def _conclude_initiatives(session, ballots, actor):
    """Hội đồng sáng kiến: each initiative recognised (at school level, on the meeting day) or not, by its vote;
    the session and its minutes are the evidence written on the initiative."""
    now = timezone.now()
    session.status = CouncilSession.Status.CONCLUDED
    session.concluded_at = now
    session.version += 1
    session.save(update_fields=["status", "concluded_at", "version"])
    pdf = minutes_pdf(session)
    session.minutes_sha256 = hashlib.sha256(pdf).hexdigest()
    name = f"bien-ban-hop-hoi-dong-sang-kien-{session.council.period.year}-{session.number}.pdf"
    session.minutes_file.save(name, ContentFile(pdf), save=False)
    session.save(update_fields=["minutes_sha256", "minutes_file"])
    evidence = (
        f"Biên bản họp Hội đồng sáng kiến, phiên số {session.number} ngày {session.meeting_date:%d/%m/%Y} "
        f"(SHA-256 {session.minutes_sha256[:12]})"
    )
    recognised, decided_before = [], []
    for ballot in ballots:
        # decided meanwhile (e.g. recorded by the secretariat for a higher body): left as it is
        if ballot.initiative.status != Initiative.Status.SUBMITTED:
            decided_before.append(ballot.initiative.title)
            continue
        initiative_council_decide(
            actor=actor,
            initiative_id=ballot.initiative_id,
            recognised=bool(ballot.passed),
            on=session.meeting_date,
            evidence=evidence,
            vote=_vote_text(ballot),
            data={**_result_data(ballot), "ballot": ballot.pk},
        )
        if ballot.passed:
            recognised.append(ballot.initiative.title)
    record_event(
        actor=actor,
        action="council_session_concluded",
        obj=session,
        changes={"status": [CouncilSession.Status.IN_PROGRESS, CouncilSession.Status.CONCLUDED]},
        data={
            "kind": session.kind,
            "recognised": recognised,
            "decided_before": decided_before,
            "minutes_sha256": session.minutes_sha256,
        },
    )


def _attach_minutes(session, dossiers, actor):
    """Biên bản họp: one PDF, stored as a version of the council minutes of every dossier of the session."""
    pdf = minutes_pdf(session)
    session.minutes_sha256 = hashlib.sha256(pdf).hexdigest()
    session.save(update_fields=["minutes_sha256"])
    name = f"bien-ban-hop-hoi-dong-{session.council.period.year}-{session.number}.pdf"
    documents_store_many(
        actor=actor, dossiers=dossiers, kind=Document.Kind.COUNCIL_MINUTES, uploaded=ContentFile(pdf, name=name)
    )
