from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def app_entry_url(context, app):
    """The page an application's menu item opens for this user: one they may open (``entry_url``), else its index."""
    entry = getattr(app, "entry_url", None)
    url = entry(context["request"].user) if entry else None
    return url or app.reverse("index")
