"""How a recorded event reads on a page: the action's name, and the actor ("system" for the scheduled jobs)."""

from django import template
from django.utils.translation import gettext as _

from ground.audit.services import SYSTEM
from interfaces.web.audit.actions import label

register = template.Library()


@register.filter
def action_label(action):
    return label(action)


@register.filter
def actor(event):
    """The actor's name, or "System" for what a scheduled job or the province did."""
    return _("System") if event.actor_name == SYSTEM else event.actor_name
