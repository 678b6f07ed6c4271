from functools import cache


def unread_notifications(request):
    """The unread count in the page header: one indexed count query, only for signed-in users, made once per page
    however many times the templates show it (the menu, the bell)."""
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}

    @cache
    def count():
        from ground.notifications.models import Notification

        return Notification.objects.filter(recipient=user, read_at__isnull=True).count()

    return {"unread_notifications": count}
