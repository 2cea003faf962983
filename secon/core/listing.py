"""Long back-office lists: a page-size choice and a sort order parsed by the list's filter form, pages.

A list's filter form derives from `ListForm`: it declares its `sort` field (the orders it offers, each
read from an index) and inherits `per_page`. Both are validated like any filter, so a hand-edited URL
with a bad value gets a field message and the default, never a server error. The templates draw the
column headings (`{% sort_heading %}`) and the page links (`{% page_links %}`) from core_tags.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

PAGE_SIZES = (25, 50, 100)
DEFAULT_PAGE_SIZE = PAGE_SIZES[0]


class ListForm(forms.Form):
    """The fields every long list shares; subclasses add their filters and a `sort` ChoiceField."""

    per_page = forms.TypedChoiceField(
        label=_("Rows per page"),
        choices=[(size, str(size)) for size in PAGE_SIZES],
        coerce=int,
        required=False,
        empty_value=None,
    )
    default_sort = "name"

    def _valid_value(self, name: str) -> Any:
        # Each valid field counts on its own: a bad search text does not undo a good page size.
        if not self.is_bound:
            return None
        self.is_valid()
        return self.cleaned_data.get(name)

    def page_size(self) -> int:
        return int(self._valid_value("per_page") or DEFAULT_PAGE_SIZE)

    def current_sort(self) -> str:
        return str(self._valid_value("sort") or self.default_sort)

    def offered_sorts(self) -> list[str]:
        return [str(value) for value, _label in self.fields["sort"].choices if value]  # type: ignore[attr-defined]


def paginate(request: HttpRequest, items: QuerySet[Any], form: ListForm) -> Page[Any]:
    """The requested page of `items` at the chosen size; a page number out of range gives the nearest page."""
    return Paginator(items, form.page_size()).get_page(request.GET.get("page"))


def page_window(page: Page[Any], *, on_each_side: int = 2) -> list[int | None]:
    """The page numbers to link around the current one, first and last always; None for a gap."""
    numbers: list[int | None] = []
    for number in page.paginator.get_elided_page_range(page.number, on_each_side=on_each_side, on_ends=1):
        numbers.append(number if isinstance(number, int) else None)
    return numbers
