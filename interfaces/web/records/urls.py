from django.urls import path
from django.utils.translation import gettext_lazy as _
from viewflow.urls import Application

from . import views


def _may_open(user):
    return user.is_authenticated and (
        user.has_perm("dossiers.nominate")
        or user.has_perm("dossiers.view_all_dossiers")
        or user.has_perm("records.review_initiative")
    )


class RecordsApp(Application):
    """Sáng kiến: initiatives and their recognition by the Initiatives Council."""

    title = _("Initiatives")
    icon = "lightbulb"
    app_name = "initiatives"
    menu_template_name = "records/menu.html"
    permission = staticmethod(_may_open)

    index_path = path("", views.InitiativeListView.as_view(), name="index")
    create_path = path("new/", views.InitiativeCreateView.as_view(), name="initiative_create")
    detail_path = path("<int:pk>/", views.InitiativeDetailView.as_view(), name="initiative")
