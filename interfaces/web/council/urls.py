from django.urls import path
from django.utils.translation import gettext_lazy as _
from viewflow.urls import Application

from domain.council import policies
from ground.organisation.selectors import staff_of

from . import views


def _can_open(user):
    """Every staff member of the unit opens the app (the posted list); each page checks its own policy."""
    return bool(user.is_authenticated and (user.is_superuser or staff_of(user) is not None))


class CouncilApp(Application):
    """Hội đồng: sessions, votes, the posted list and its objections."""

    title = _("Council")
    icon = "how_to_vote"
    app_name = "council"
    menu_template_name = "council/menu.html"
    permission = staticmethod(_can_open)

    def entry_url(self, user):
        """Members of staff who do not see the sessions open the posted list from the menu."""
        staff = staff_of(user)
        if staff is not None and not policies.can_see_sessions(user, staff.organisation_id):
            return self.reverse("posting")
        return None

    index_path = path("", views.SessionListView.as_view(), name="index")
    create_path = path("new/", views.SessionCreateView.as_view(), name="create")
    initiatives_path = path("initiatives/new/", views.InitiativeSessionCreateView.as_view(), name="create_initiatives")
    add_initiatives_path = path("<int:pk>/initiatives/", views.AgendaInitiativesView.as_view(), name="add_initiatives")
    detail_path = path("<int:pk>/", views.SessionDetailView.as_view(), name="detail")
    attendance_path = path("<int:pk>/attendance/", views.AttendanceView.as_view(), name="attendance")
    open_path = path("<int:pk>/open/", views.SessionOpenView.as_view(), name="open")
    written_path = path("<int:pk>/ballots/<int:ballot_pk>/written/", views.WrittenVoteView.as_view(), name="written")
    close_path = path("<int:pk>/ballots/<int:ballot_pk>/close/", views.BallotCloseView.as_view(), name="close")
    close_all_path = path("<int:pk>/ballots/close/", views.BallotsCloseView.as_view(), name="close_all")
    quota_path = path("<int:pk>/quotas/<int:quota_pk>/", views.QuotaDecideView.as_view(), name="quota")
    conclude_path = path("<int:pk>/conclude/", views.SessionConcludeView.as_view(), name="conclude")
    minutes_path = path("<int:pk>/minutes/", views.MinutesDownloadView.as_view(), name="minutes")
    vote_path = path("<int:pk>/vote/", views.VotePageView.as_view(), name="vote")
    sheet_path = path("<int:pk>/vote/sheet/", views.VoteSheetView.as_view(), name="sheet")
    cast_path = path("<int:pk>/vote/<int:ballot_pk>/", views.VoteCastView.as_view(), name="cast")
    receipt_path = path("receipt/", views.ReceiptCheckView.as_view(), name="receipt")
    results_path = path("results/", views.ResultListView.as_view(), name="results")
    posting_path = path("posting/", views.PostingListView.as_view(), name="posting")
    object_path = path("posting/<int:entry_pk>/object/", views.ObjectionFileView.as_view(), name="object")
