from django.urls import path
from django.utils.translation import gettext_lazy as _
from viewflow.urls import Application

from domain.emulation import policies

from . import views


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
