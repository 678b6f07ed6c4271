"""Reads of the council's HTML pages that the domain selectors do not give: each a fixed number of queries."""

from collections import defaultdict

from domain.council.models import Ballot, PostingEntry
from domain.council.selectors import objections_of
from domain.dossiers.models import Document


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


def dossier_council(user, dossier):
    """The council's part of a dossier page: its sessions with results, its posting windows and objections.

    Four queries, whatever the number of sessions, windows and objections.
    """
    ballots = list(
        Ballot.objects.filter(dossier=dossier).select_related("session__council__period").order_by("session_id")
    )
    postings = list(PostingEntry.objects.filter(dossier=dossier).order_by("posted_at", "pk"))
    objections = objections_of(user, dossier)  # the author withheld from the department
    open_posting = next((p for p in reversed(postings) if p.closed_at is None), None)
    return {"ballots": ballots, "postings": postings, "objections": objections, "open_posting": open_posting}
