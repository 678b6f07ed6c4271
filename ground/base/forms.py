"""How a page shows a domain refusal: the one helper every form view uses."""


def show_domain_error(form, exc, *, message_on_form=True):
    """A service's refusal shown on the form that sent it: each field's messages on the field (or on the form when
    the form has no such field), the refusal's own message on the form when no field is named. Input is kept."""
    for field, msgs in exc.errors.items():
        for msg in msgs:
            form.add_error(field if field in form.fields else None, msg)
    if message_on_form and not exc.errors:
        form.add_error(None, exc.message)
