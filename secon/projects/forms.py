"""Forms of the projects back office."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from secon.accounts.models import User
from secon.core.forms import BoundedDateField
from secon.projects.models import Partner, WorkItem, WorkItemKind, WorkItemStatus


class WorkItemForm(forms.ModelForm["WorkItem"]):
    class Meta:
        model = WorkItem
        fields = [
            "semester",
            "kind",
            "title",
            "title_en",
            "description",
            "owner",
            "due_date",
            "status",
            "is_public",
        ]
        widgets = {"due_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        field_classes = {"due_date": BoundedDateField}

    def __init__(self, *args: Any, partner: Partner, semester_count: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.partner = partner
        self.fields["owner"].queryset = User.objects.filter(partner=partner, is_active=True)  # type: ignore[attr-defined]
        self.fields["semester"].widget = forms.Select(
            choices=[(n, _("Semester %(number)s") % {"number": n}) for n in range(1, semester_count + 1)]
        )
        self.semester_count = semester_count

    def clean_semester(self) -> int:
        number = self.cleaned_data["semester"]
        if not 1 <= number <= self.semester_count:
            raise forms.ValidationError(
                _("Choose a semester between 1 and %(count)s.") % {"count": self.semester_count}
            )
        return int(number)


SORTS = {
    "due": ("due_date", "title"),
    "-due": ("-due_date", "title"),
    "title": ("title",),
    "semester": ("semester", "due_date"),
    "status": ("status", "due_date"),
}


class WorkPlanFilterForm(forms.Form):
    STATUS_CHOICES = [("", _("Any status")), ("late", _("Late")), *WorkItemStatus.choices]

    partner = forms.ModelChoiceField(
        queryset=Partner.objects.none(), required=False, label=_("Partner"), empty_label=_("All partners")
    )
    semester = forms.TypedChoiceField(coerce=int, required=False, label=_("Semester"), empty_value=None)
    status = forms.ChoiceField(choices=STATUS_CHOICES, required=False, label=_("Status"))
    kind = forms.ChoiceField(
        choices=[("", _("Any kind")), *WorkItemKind.choices], required=False, label=_("Kind")
    )
    sort = forms.ChoiceField(
        required=False,
        label=_("Sort by"),
        choices=[
            ("due", _("Due date, earliest first")),
            ("-due", _("Due date, latest first")),
            ("title", _("Title")),
            ("semester", _("Semester")),
            ("status", _("Status")),
        ],
    )

    def __init__(self, *args: Any, user: User, semester_count: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if user.sees_all_partners:
            self.fields["partner"].queryset = Partner.objects.in_order()  # type: ignore[attr-defined]
        else:
            del self.fields["partner"]
        self.fields["semester"].choices = [("", _("Any semester"))] + [  # type: ignore[attr-defined]
            (n, _("Semester %(number)s") % {"number": n}) for n in range(1, semester_count + 1)
        ]
