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
