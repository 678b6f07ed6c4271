"""PostgreSQL with the audit chain appended at the very end of each transaction.

``record_event`` queues its events on the connection; just before COMMIT they take the chain's advisory lock, read
the head, join the chain in one INSERT and commit. The lock is held only for that append and the commit itself, so
unrelated transactions never wait on each other for the length of their work (PDF rendering, signing, …).
Savepoints rolled back drop the events queued inside them; a rolled back transaction drops them all.
"""

from django.db.backends.postgresql import base


class DatabaseWrapper(base.DatabaseWrapper):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.audit_pending = []  # (savepoint ids open when queued, event)

    def audit_flush(self):
        """Join the queued events to the chain now (under the chain lock until this transaction ends)."""
        if self.audit_pending:
            from ground.audit.services import append_to_chain

            events = [event for _sids, event in self.audit_pending]
            self.audit_pending = []
            append_to_chain(events)

    def commit(self):
        if self.audit_pending:
            self.audit_flush()
        super().commit()

    def rollback(self):
        self.audit_pending = []
        super().rollback()

    def close(self):
        self.audit_pending = []
        super().close()

    def savepoint_rollback(self, sid):
        self.audit_pending = [(sids, event) for sids, event in self.audit_pending if sid not in sids]
        super().savepoint_rollback(sid)

    def savepoint_commit(self, sid):
        super().savepoint_commit(sid)
        # Under a test case's transaction (which never commits) the outermost block of the code under test ends
        # with a savepoint release: that is its commit.
        if self.audit_pending and not any(not _from_testcase(b) for b in self.atomic_blocks):
            self.audit_flush()


def _from_testcase(block):
    return getattr(block, "_from_testcase", False)
