"""Reads of the council's HTML pages that the domain selectors do not give: each a fixed number of queries."""

from collections import defaultdict

from dossiers.models import Document

from .models import Ballot, PostingEntry


def minutes_name(session):
    """The file name under which ``results.session_conclude`` stores the session's minutes on every dossier."""
    return f"bien-ban-hop-hoi-dong-{session.council.period.year}-{session.number}.pdf"


def session_minutes(session):
    """The stored minutes of a concluded session (the first dossier's copy: every copy is the same PDF), or None."""
    return (
        Document.objects.filter(
            kind=Document.Kind.COUNCIL_MINUTES,
            filename=minutes_name(session),
            dossier__ballots__session=session,
        )
        .order_by("pk")
        .first()
    )


def current_documents(dossier_ids):
    """``{dossier_id: [current documents]}`` in one query."""
    docs = defaultdict(list)
    rows = Document.objects.filter(dossier_id__in=list(dossier_ids), is_current=True).order_by("kind", "pk")
    for doc in rows:
        docs[doc.dossier_id].append(doc)
    return docs


def posting_votes(entries):
    """``{(session_id, dossier_id): ballot}`` for posted entries, in one query."""
    entries = list(entries)
    ballots = Ballot.objects.filter(
        session_id__in={e.session_id for e in entries}, dossier_id__in={e.dossier_id for e in entries}
    )
    return {(b.session_id, b.dossier_id): b for b in ballots}


def dossier_council(dossier):
    """The council's part of a dossier page: its sessions with results, its posting windows and objections.

    Three queries, whatever the number of sessions, windows and objections.
    """
    ballots = list(
        Ballot.objects.filter(dossier=dossier).select_related("session__council__period").order_by("session_id")
    )
    postings = list(PostingEntry.objects.filter(dossier=dossier).order_by("posted_at", "pk"))
    objections = list(dossier.objections.order_by("filed_at", "pk"))
    return {"ballots": ballots, "postings": postings, "objections": objections}
