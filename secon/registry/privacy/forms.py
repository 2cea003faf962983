"""Forms of the GDPR pages: choosing an export format, confirming an erasure."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from secon.lib.text import fold
from secon.registry.limits import field_limit
from secon.registry.models import Person
from secon.registry.privacy.erasure import ErasureReason

EXPORT_FORMATS = [("json", _("JSON file (machine-readable)")), ("pdf", _("PDF document (readable)"))]


class ExportForm(forms.Form):
    format = forms.ChoiceField(label=_("Format"), choices=EXPORT_FORMATS)


class AnonymiseForm(forms.Form):
    reason = forms.ChoiceField(label=_("Why is the data erased?"), choices=ErasureReason.choices)
    confirm_name = forms.CharField(
        label=_("Type the person's full name to confirm"),
        max_length=field_limit(Person, "full_name"),
        help_text=_("Erasure cannot be undone."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args: Any, person: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.person = person

    def clean_confirm_name(self) -> str:
        typed: str = self.cleaned_data["confirm_name"]
        # Case, spacing and diacritics typed differently still confirm; another name does not.
        if fold(typed) != fold(self.person.full_name):
            raise forms.ValidationError(
                _("The name you typed is not “%(name)s”. Nothing has been erased.")
                % {"name": self.person.full_name}
            )
        return typed
