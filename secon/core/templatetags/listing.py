"""Template tags of long lists: column headings that sort, and page links with numbers (core/listing.py)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from secon.core.listing import ListForm, page_window
from secon.core.templatetags.core_tags import query_with

register = template.Library()


@register.simple_tag(takes_context=True)
def sort_heading(context: dict[str, Any], form: ListForm, first: str, label: str) -> SafeString:
    """A column heading that sorts the list by `first` ("name", or "-updated" for newest first) and, when
    the list is already in that order, reverses it. The heading states the order (`aria-sort`)."""
    base = first.removeprefix("-")
    current = form.current_sort()
    if current == base:
        state, following, hint = "ascending", f"-{base}", _("sort in reverse order")
    elif current == f"-{base}":
        state, following, hint = "descending", base, _("sort in reverse order")
    else:
        state, following, hint = "", first, _("sort by this column")
    if following not in form.offered_sorts():
        raise template.TemplateSyntaxError(f"The list offers no order {following!r}.")
    href = "?" + query_with(context, sort=following, page=None)
    hidden = format_html('<span class="visually-hidden"> ({})</span>', hint)
    if not state:
        link = format_html('<a class="sort-link" href="{}">{}{}</a>', href, label, hidden)
        return format_html('<th scope="col">{}</th>', link)
    mark = "▲" if state == "ascending" else "▼"
    return format_html(
        '<th scope="col" aria-sort="{}"><a class="sort-link" href="{}">{}'
        '<span class="sort-mark" aria-hidden="true">{}</span>{}</a></th>',
        state,
        href,
        label,
        mark,
        hidden,
    )


@register.inclusion_tag("core/_page_links.html", takes_context=True)
def page_links(context: dict[str, Any], page: Any) -> dict[str, Any]:
    """First, previous, a window of page numbers, next, last; the rows shown and the total."""
    return {"request": context["request"], "page": page, "numbers": page_window(page)}
