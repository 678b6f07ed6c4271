"""Domain errors: a stable code, an HTTP status and a translated message.

Services raise them; the web middleware and the API turn them into a message or a JSON
error of the contract (``{"detail", "code"}``) without knowing each case.
"""

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    status = 400
    code = "invalid"
    message = _("The request is not valid.")

    def __init__(self, message=None, *, errors=None):
        self.message = message or self.message
        self.errors = errors or {}
        super().__init__(str(self.message))


class InvalidInput(DomainError):
    pass


class NotVisible(DomainError):
    status = 404
    code = "not_found"
    message = _("Not found.")


class NotAllowed(DomainError):
    status = 403
    code = "permission_denied"
    message = _("You are not allowed to do this.")


class Conflict(DomainError):
    status = 409
    code = "conflict"
    message = _("This has changed in the meantime. Reload the page and try again.")


class StaleVersion(Conflict):
    code = "stale"
    message = _("Someone changed this dossier after you opened it. Reload the page and try again.")


class InvalidTransition(Conflict):
    code = "invalid_transition"
    message = _("The dossier is no longer at a step where this can be done.")


class TaskTaken(Conflict):
    code = "task_taken"
    message = _("This task has already been taken by someone else.")


class TaskDone(Conflict):
    code = "task_done"
    message = _("This task has already been completed.")


class Busy(Conflict):
    code = "busy"
    message = _("Someone else is working on this dossier right now. Try again in a moment.")


class Gone(DomainError):
    status = 410
    code = "gone"
    message = _("This file was removed after its time: make it again.")


class FileTooLarge(DomainError):
    status = 413
    code = "file_too_large"
    message = _("The file is too large.")


class FileTypeNotAccepted(DomainError):
    status = 415
    code = "unsupported_file_type"
    message = _("This type of file is not accepted. Upload a PDF, DOCX, XLSX, JPEG or PNG file.")


# --- eligibility (issue 9) ---
class NotEligible(Conflict):
    """A hard eligibility rule fails when the principal signs: 409, the dossier conflicts with the nominee's record
    as it stands now (the request itself is valid; it can succeed once the record changes, e.g. a case is closed)."""

    code = "not_eligible"
    message = _("The nominee does not meet a condition that blocks the signature.")

    def __init__(self, reasons):
        self.reasons = list(reasons)
        text = _("The signature is refused: %(reasons)s") % {"reasons": " ".join(self.reasons)}
        super().__init__(text)


class RegistrationClosed(Conflict):
    """A department registers titles after the year's registration deadline."""

    code = "registration_closed"
    message = _("The registration deadline has passed.")


class NotInTargetUnits(InvalidInput):
    """A department registers for a movement whose target units do not include it (issue 19)."""

    code = "not_in_target_units"
    message = _("This movement is not open to your department.")


# --- the council (issue 4) ---
class NoQuorum(Conflict):
    code = "no_quorum"
    message = _("The quorum is not reached: no vote can open.")


class AlreadyVoted(Conflict):
    code = "already_voted"
    message = _("This member has already voted on this dossier.")


class BallotNotOpen(Conflict):
    code = "ballot_not_open"
    message = _("Voting on this dossier is not open.")


class QuotaUndecided(Conflict):
    code = "quota_undecided"
    message = _("A quota is exceeded: decide which dossiers stay before concluding the session.")


class PostingClosed(Conflict):
    code = "posting_closed"
    message = _("The posting period of this dossier is over: objections are no longer accepted.")


# --- batch documents and signatures (issue 15) ---
class WrongPin(DomainError):
    status = 400
    code = "wrong_pin"
    message = _("The password or the key's PIN is not right: nothing was signed.")


class NoDelegation(DomainError):
    status = 403
    code = "no_delegation"
    message = _("You may sign only on the principal's behalf, with a delegation in force today.")
