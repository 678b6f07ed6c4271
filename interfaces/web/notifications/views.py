"""Notification pages: the list with the unread count, mark read, and the user's preferences."""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from ground.notifications import services
from ground.notifications.models import Notification, Preference
from ground.printing.pagination import CappedPaginator


class NotificationListView(LoginRequiredMixin, View):
    page_size = 30

    def get(self, request):
        rows = Notification.objects.filter(recipient=request.user).order_by("-created_at", "-id")
        page = CappedPaginator(rows, self.page_size).get_page(request.GET.get("page"))
        unread = Notification.objects.filter(recipient=request.user, read_at__isnull=True).count()
        return render(request, "notifications/list.html", {"page_obj": page, "unread": unread})


class MarkReadView(LoginRequiredMixin, View):
    def post(self, request, pk=None):
        services.notification_mark_read(acting_user=request.user, notification_id=pk)
        return redirect("notifications:index")


class PreferenceForm(forms.ModelForm):
    class Meta:
        model = Preference
        fields = ["language", "digest"]


class PreferenceView(LoginRequiredMixin, View):
    def get(self, request):
        form = PreferenceForm(instance=services.preference_for(request.user))
        return render(request, "notifications/settings.html", {"form": form})

    def post(self, request):
        form = PreferenceForm(request.POST, instance=services.preference_for(request.user))
        if not form.is_valid():
            return render(request, "notifications/settings.html", {"form": form}, status=400)
        services.preference_update(
            acting_user=request.user, language=form.cleaned_data["language"], digest=form.cleaned_data["digest"]
        )
        messages.success(request, _("Your notification settings are saved."))
        return redirect("notifications:settings")
