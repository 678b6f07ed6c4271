from django.http import Http404
from django.shortcuts import render

from ground.base.errors import DomainError, NotVisible


class DomainErrorMiddleware:
    """A domain error that reached the top of a page view: a translated page with the right status."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, NotVisible):
            request.audit_denied = True  # a refusal, though answered as "not found"
            raise Http404(str(exception.message))
        if isinstance(exception, DomainError) and not request.path.startswith("/api/"):
            return render(request, "workflows/refused.html", {"message": exception.message}, status=exception.status)
        return None


class CleanFormTextMiddleware:
    """Form posts to our pages carry their text cleaned at the boundary (``printing.text``): NFC, no control
    characters; a bidirectional override is refused with a 400 page. The API cleans its bodies in its parsers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and not request.path.startswith("/api/"):
            refused = self._clean(request)
            if refused is not None:
                return refused
        return self.get_response(request)

    def _clean(self, request):
        from django.core.exceptions import BadRequest, RequestDataTooBig, SuspiciousOperation

        from ground.printing.text import UnsafeText, clean_text

        try:
            posted = request.POST
        except (RequestDataTooBig, SuspiciousOperation, BadRequest, ValueError):
            return None  # the view (or Django's handler) answers it as before
        try:
            cleaned = posted.copy()
            for key in cleaned:
                cleaned.setlist(key, [clean_text(v) for v in posted.getlist(key)])
        except UnsafeText as exc:
            return render(request, "workflows/refused.html", {"message": exc.message}, status=400)
        cleaned._mutable = False
        request.POST = cleaned
        return None
