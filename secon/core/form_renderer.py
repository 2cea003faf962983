"""The form renderer: Django's, except that a `<select>` is drawn in Python.

Django draws each `<option>` by including a template, and a select of a region's units holds hundreds
(Mazovia's 42 powiats and 314 gminas): on the registry's list page those includes were most of the
page's time. The markup is the same as Django's templates give, character for character (a test
compares them), so forms, tests and stylesheets see no difference.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.forms.renderers import DjangoTemplates
from django.http import HttpRequest
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

SELECT_TEMPLATE = "django/forms/widgets/select.html"
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


def _attrs(attrs: Mapping[str, Any]) -> str:
    # As django/forms/widgets/attrs.html: False leaves the attribute out, True writes its name alone.
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {conditional_escape(name)}")
        if value is not True:
            parts.append(f'="{conditional_escape(str(value))}"')
    return "".join(parts)


def render_select(widget: Mapping[str, Any]) -> SafeString | None:
    """The select's HTML, or None when an option asks for a template of its own."""
    html = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            html.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in group_choices:
            if option["template_name"] != OPTION_TEMPLATE:
                return None
            html.append(
                f'\n  <option value="{conditional_escape(str(option["value"]))}"{_attrs(option["attrs"])}>'
                f"{conditional_escape(option['label'])}</option>\n"
            )
        if group_name:
            html.append("\n  </optgroup>")
    html.append("\n</select>")
    return mark_safe("".join(html))  # every value above is escaped


class FormRenderer(DjangoTemplates):
    def render(self, template_name: str, context: dict[str, Any], request: HttpRequest | None = None) -> str:
        if template_name == SELECT_TEMPLATE:
            drawn = render_select(context["widget"])
            if drawn is not None:
                return drawn
        return super().render(template_name, context, request)
