"""Pages outside viewflow's site (``/official/``, ``/jobs/``) shown in the site's frame like every other page; an
API path without its final slash served as the path with it."""

from django.conf import settings
from django.middleware import common, locale
from django.utils import translation

from config import urls


class LocaleMiddleware(locale.LocaleMiddleware):
    """Django's, except that the pages are in Vietnamese unless the user chose English with the language switch (its
    cookie): the browser's own language (``Accept-Language``) is not a choice the user made in this system, and a
    school's staff on a browser installed in English would otherwise get English pages. The API follows
    ``Accept-Language``, as its contract says."""

    def process_request(self, request):
        if request.path_info.startswith("/api/"):
            return super().process_request(request)
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) or settings.LANGUAGE_CODE
        try:
            language = translation.get_supported_language_variant(chosen)
        except LookupError:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        return None


class CommonMiddleware(common.CommonMiddleware):
    """Django's, except that an API path missing its final slash is served as the path with it. Django would answer
    a redirect, and a client follows a redirect of a POST with a GET: the write would be lost without an error."""

    def process_request(self, request):
        if request.path_info.startswith("/api/") and self.should_redirect_with_slash(request):
            request.path_info += "/"
            request.path += "/"
        return super().process_request(request)


class SiteFrameMiddleware:
    """viewflow's SiteMiddleware gives a page its site (title, colours, the side menu) and its app (the app's own
    menu) only for the site's URLs. The official documents and the jobs pages are included beside the site
    (their URLs predate it): they get the same site, and the documents pages the Documents app, so that no page
    loses the menu. The views keep their own permission checks; the app's menu is shown to those who may open it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, callback, callback_args, callback_kwargs):
        match = request.resolver_match
        if match is None or getattr(match, "site", None) is not None:
            return None
        if match.namespace in urls.FRAMED:
            match.site = urls.site
            app = urls.FRAMED[match.namespace]
            # e.g. a department head verifying a signed decision: the page, not the Documents app's menu
            if app is not None and app.has_view_permission(request.user):
                match.app = app
        return None
