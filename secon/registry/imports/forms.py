"""Forms of the import pages: the upload, and the choice of which column of the file fills which field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from secon.registry import imports
from secon.registry.models import ImportBatch, ImportKind


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("What the file holds"), choices=ImportKind.choices)
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy(
            "CSV (UTF-8 or Windows-1250, separated by ; or ,) or Excel workbook (.xlsx); the first row names "
            "the columns."
        ),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        limit = imports.max_import_bytes()
        if upload.size > limit:
            raise ValidationError(
                _("The file is larger than %(limit)s MB. Split it into smaller files.")
                % {"limit": f"{limit / 1024 / 1024:g}"}
            )
        return upload


class MappingForm(forms.Form):
    """One select per field the import can fill, offering the file's columns."""

    def __init__(self, *args: Any, batch: ImportBatch, header: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("— not in the file —")), *[(name, name) for name in header if name]]
        for column in imports.columns_for(batch.kind, batch.partner.country):
            self.fields[column.key] = forms.ChoiceField(
                label=column.label,
                choices=choices,
                required=column.required,
                initial=batch.mapping.get(column.key, ""),
            )

    def mapping(self) -> dict[str, str]:
        return {key: value for key, value in self.cleaned_data.items() if value}
