"""Changes made outside the domain services — logins, and what administrators edit (catalog, configuration,
users and roles) — reach the trail through these receivers, which call the one writer, ``record_event``.

Other apps add their configuration models with ``watch(Model)`` in their ``AppConfig.ready``.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.forms.models import model_to_dict

from . import services

# Fields never copied into the trail: secrets, and bookkeeping that changes on every login.
_SECRET = {"password"}
_NOISE = {"last_login", "updated_at"}
_watched = {}


def watch(model, exclude=()):
    """Record every create, change and delete of ``model`` with its changed fields."""
    _watched[model] = set(exclude) | _NOISE
    uid = f"audit-{model._meta.label_lower}"
    pre_save.connect(_remember, sender=model, dispatch_uid=uid)
    post_save.connect(_saved, sender=model, dispatch_uid=uid)
    post_delete.connect(_deleted, sender=model, dispatch_uid=uid)


def _values(instance):
    skip = _watched[type(instance)] | _SECRET
    return {k: v for k, v in model_to_dict(instance).items() if k not in skip and not isinstance(v, list | tuple)}


def _remember(sender, instance, raw=False, **kwargs):
    old = None if raw or instance.pk is None else sender._default_manager.filter(pk=instance.pk).first()
    instance._audit_before = _values(old) if old else {}
    # A password change is recorded as a fact, never with its (hashed) values.
    instance._audit_password_changed = old is not None and getattr(old, "password", None) != getattr(
        instance, "password", None
    )


def _saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    after = _values(instance)
    before = {} if created else getattr(instance, "_audit_before", {})
    changes = services.changed_fields(before, after)
    password_changed = getattr(instance, "_audit_password_changed", False)
    if not (created or changes or password_changed):
        return
    services.record_event(
        actor=services.current_actor(),
        action=f"{sender._meta.model_name}_{'created' if created else 'changed'}",
        obj=instance,
        changes=changes,
        data={"password_changed": True} if password_changed else None,
    )


def _deleted(sender, instance, **kwargs):
    services.record_event(
        actor=services.current_actor(),
        action=f"{sender._meta.model_name}_deleted",
        obj=instance,
        changes=services.changed_fields(_values(instance), {}),
    )


def _membership(sender, instance, action, model, pk_set, reverse, **kwargs):
    """Role changes: a user added to or removed from a group (from either side of the relation)."""
    if action not in ("post_add", "post_remove", "post_clear") or (action != "post_clear" and not pk_set):
        return
    verb = {"post_add": "added", "post_remove": "removed", "post_clear": "cleared"}[action]
    subject = "permissions" if sender._meta.model_name.endswith("permissions") else "roles"
    names = sorted(str(obj) for obj in model._default_manager.filter(pk__in=pk_set or ()))
    services.record_event(
        actor=services.current_actor(),
        action=f"{subject}_{verb}",
        obj=instance,
        data={model._meta.model_name + "s": names},
    )


def _logged_in(sender, request, user, **kwargs):
    services.record_event(actor=user, action="login")


def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        services.record_event(actor=user, action="logout")


def _login_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", ""))[:150]
    services.record_event(actor=None, actor_name=username, action="login_failed", data={"username": username})


def connect():
    from django.contrib.auth.models import Group

    user_model = get_user_model()
    watch(user_model, exclude={"groups", "user_permissions"})
    watch(Group, exclude={"permissions"})
    m2m_changed.connect(_membership, sender=user_model.groups.through, dispatch_uid="audit-user-groups")
    m2m_changed.connect(_membership, sender=Group.permissions.through, dispatch_uid="audit-group-permissions")
    user_logged_in.connect(_logged_in, dispatch_uid="audit-login")
    user_logged_out.connect(_logged_out, dispatch_uid="audit-logout")
    user_login_failed.connect(_login_failed, dispatch_uid="audit-login-failed")


def _locked_out(sender, request, username, ip_address, **kwargs):
    """django-axes locked a username or an address out after repeated failures."""
    services.record_event(
        actor=None,
        actor_name=str(username or "")[:150],
        action="login_locked_out",
        data={"username": str(username or "")[:150], "ip": ip_address},
    )


def _unlocked(sender, instance, **kwargs):
    """The administrator unlocked (deleted the failures of) a username or an address, in the admin or with axes'
    commands; a success clearing its own failures (AXES_RESET_ON_SUCCESS) is not an unlock."""
    from . import context

    request = context.current().request
    if request is not None and not request.path.startswith("/admin/"):
        return
    services.record_event(
        actor=services.current_actor(),
        action="login_unlocked",
        data={"username": instance.username, "ip": instance.ip_address, "failures": instance.failures_since_start},
    )


def connect_axes():
    from axes.models import AccessAttempt
    from axes.signals import user_locked_out
    from django.db.models.signals import post_delete

    user_locked_out.connect(_locked_out, dispatch_uid="audit-locked-out")
    post_delete.connect(_unlocked, sender=AccessAttempt, dispatch_uid="audit-unlocked")
