from django import forms
from django.utils.translation import gettext_lazy as _


class SuggestionFilterForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    award = forms.SlugField(label=_("Award code"), required=False)

    def __init__(self, data=None, *, initial_year=None):
        if data is None and initial_year:
            data = {"year": initial_year}
        super().__init__(data)
