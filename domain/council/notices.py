"""Who hears about the council's work, in their own language, in the app and by e-mail (sent after commit):
members when a session is called and when voting opens; the nominating department when the council has decided;
the secretariat and the department when an objection suspends a dossier (the author is not named to the department).
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from ground.notifications.services import Message, notifications_create
from ground.organisation.people import People


def _members(session, *, present_only=False):
    rows = session.attendance.all()
    if present_only:
        rows = rows.filter(present=True)
    return list(rows.values_list("member__user_id", flat=True))


def session_called(session, dossier_count):
    """The members are called to the session and asked to review its queue before the meeting."""

    def render():
        title = _("Council session on %(date)s") % {"date": session.meeting_date.strftime("%d/%m/%Y")}
        body = _(
            "%(title)s: %(n)s dossier(s) on the agenda. Review them, with their documents and eligibility, "
            "before the meeting."
        )
        return title, body % {"title": session.title, "n": dossier_count}

    link = reverse("council:detail", args=[session.pk])
    notifications_create(
        [Message(recipient_id=uid, kind="council", render=render, link=link) for uid in _members(session)]
    )


def voting_opened(session):
    """The present members are told that their votes are awaited."""

    def render():
        return _("Voting is open: %(title)s") % {"title": session.title}, _("Vote on each dossier of the session.")

    link = reverse("council:vote", args=[session.pk])
    members = _members(session, present_only=True)
    notifications_create([Message(recipient_id=uid, kind="council", render=render, link=link) for uid in members])


def results_known(dossiers):
    """The nominating department learns the council's result for each of its dossiers."""
    people = People()
    messages = []
    for dossier in dossiers:

        def render(dossier=dossier):
            if dossier.status == "posted":
                title = _("Selected by the council: %(reference)s") % {"reference": dossier.reference}
                return title, _("%(nominee)s is on the posted list for objections.") % {"nominee": dossier.nominee}
            title = _("Not selected by the council: %(reference)s") % {"reference": dossier.reference}
            return title, dossier.status_reason

        link = reverse("dossiers:detail", args=[dossier.pk])
        messages += [
            Message(recipient_id=uid, kind="council_result", render=render, link=link, dossier_id=dossier.pk)
            for uid in people.department_heads(dossier)
        ]
    notifications_create(messages)


def objection_filed(dossier):
    """The secretariat decides on it; the department learns its dossier is suspended (not who objected)."""
    people = People()

    def render():
        title = _("Objection to %(reference)s") % {"reference": dossier.reference}
        return title, _("%(nominee)s: the dossier is suspended until the secretariat decides on the objection.") % {
            "nominee": dossier.nominee
        }

    link = reverse("dossiers:detail", args=[dossier.pk])
    recipients = set(people.secretariat(dossier)) | set(people.department_heads(dossier))
    notifications_create(
        [
            Message(recipient_id=uid, kind="objection", render=render, link=link, dossier_id=dossier.pk)
            for uid in sorted(recipients)
        ]
    )
