"""Form fields every app shares: dates and moments within a range the platform can store and compute with.

A date such as 0001-01-01 passes Django's own fields, then fails far from the form: turning the
moment into UTC steps out of the calendar (OverflowError, a 500), and date arithmetic near the ends of
the calendar does too. Every date a person types goes through these fields and gets a field message.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Wide enough for any record of the registry or the project (statuses, memberships, publications).
EARLIEST_DATE = dt.date(1900, 1, 1)
LATEST_DATE = dt.date(2199, 12, 31)


def validate_date_in_range(value: dt.date | dt.datetime | None) -> None:
    if value is None:
        return
    day = value.date() if isinstance(value, dt.datetime) else value
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise ValidationError(
            _("Enter a date between %(earliest)s and %(latest)s."),
            code="date_out_of_range",
            params={"earliest": EARLIEST_DATE.isoformat(), "latest": LATEST_DATE.isoformat()},
        )


def _range_attrs(widget: forms.Widget, *, moment: bool) -> dict[str, Any]:
    """`min`/`max` on a browser date picker, so the range is visible before the form is sent."""
    input_type = widget.attrs.get("type") or getattr(widget, "input_type", "")
    if input_type == "date":
        return {"min": EARLIEST_DATE.isoformat(), "max": LATEST_DATE.isoformat()}
    if input_type == "datetime-local" and moment:
        return {"min": f"{EARLIEST_DATE.isoformat()}T00:00", "max": f"{LATEST_DATE.isoformat()}T23:59"}
    return {}


class BoundedDateField(forms.DateField):
    default_validators = [validate_date_in_range]

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        return {**super().widget_attrs(widget), **_range_attrs(widget, moment=False)}


class BoundedDateTimeField(forms.DateTimeField):
    default_validators = [validate_date_in_range]

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        return {**super().widget_attrs(widget), **_range_attrs(widget, moment=True)}
