from django.urls import path
from django.utils.translation import gettext_lazy as _
from viewflow.urls import Application

from domain.emulation import policies

from . import pages, views


class RegistrationApp(Application):
    """Đăng ký thi đua: the year's movements and the titles each department registers."""

    title = _("Emulation registrations")
    icon = "how_to_reg"
    app_name = "registrations"
    menu_template_name = "emulation/menu.html"
    permission = staticmethod(policies.can_view_registrations)

    index_path = path("", views.RegistrationListView.as_view(), name="index")
    register_path = path("register/", views.RegistrationFormView.as_view(), name="register")
    import_path = path("import/", views.RegistrationImportView.as_view(), name="import")
    movements_path = path("movements/", pages.MovementListView.as_view(), name="movements")
    movement_path = path("movements/<int:pk>/", pages.MovementDetailView.as_view(), name="movement")
    clusters_path = path("clusters/", pages.ClusterListView.as_view(), name="clusters")
