from django import forms
from django.utils.translation import gettext_lazy as _

from domain.dossiers.services.dossiers import award_choices, awards_in_force
from ground.organisation.models import Period


def _movement_label(movement):
    """The theme, and the target units when the movement is not for every unit."""
    targets = sorted(d.name for d in movement.target_departments.all())
    if not targets:
        return movement.theme
    return _("%(theme)s (only for: %(units)s)") % {"theme": movement.theme, "units": ", ".join(targets)}


class RegistrationForm(forms.Form):
    """One choice of title per member of the department, and one for the department itself."""

    def __init__(self, *args, year, department, members, current, movements=(), movement=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["movement"] = forms.TypedChoiceField(
            label=_("Movement"),
            choices=[("", "—")] + [(m.pk, _movement_label(m)) for m in movements],
            coerce=int,
            empty_value=None,
            required=False,
            initial=movement,
        )
        awards = awards_in_force(Period(year=year))
        for key, label, kind in [("dept", department.name, "department")] + [
            (str(m.pk), m.full_name, "person") for m in members
        ]:
            choices = [("", "—")] + award_choices([a for a in awards if a.accepts(kind)])
            self.fields[f"n_{key}"] = forms.ChoiceField(
                label=label, choices=choices, required=False, initial=current.get(None if key == "dept" else int(key))
            )

    def choices(self):
        return {
            (None if name == "n_dept" else int(name[2:])): value
            for name, value in self.cleaned_data.items()
            if name.startswith("n_")
        }
