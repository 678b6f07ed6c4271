"""Who may read the secretariat's lists of suggested and nearly eligible nominees."""

from dossiers import errors


def can_view_suggestions(user):
    # The lists name people across departments: those who already see every department's dossiers.
    return user.is_authenticated and user.has_perm("dossiers.view_all_dossiers")


def require_view_suggestions(user):
    if not can_view_suggestions(user):
        raise errors.NotAllowed()
