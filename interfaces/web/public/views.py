from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.views import View

from . import selectors


class PublicPageView(View):
    """Công khai kết quả: no login; off unless PUBLIC_PAGE_ENABLED."""

    def get(self, request):
        if not settings.PUBLIC_PAGE_ENABLED:
            raise Http404()
        context = {"postings": selectors.public_postings(), "decisions": selectors.public_decisions()}
        return render(request, "public/index.html", context)
