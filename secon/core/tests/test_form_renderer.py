"""A select drawn in Python is the select Django's templates draw, character for character."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from secon.core.form_renderer import FormRenderer

CHOICES: list[Any] = [
    ("", "---------"),
    ("1465", "Warszawa"),
    ("a&b", 'Quote " and <tag>'),
    (mark_safe("safe"), mark_safe("<b>already safe</b>")),
    ("Gminy", [("1465011", "Warszawa (gmina miejska)"), ("1419", "Powiat płocki")]),
    (7, "a number"),
]


class Sample(forms.Form):
    single = forms.ChoiceField(choices=CHOICES, required=False)
    many = forms.MultipleChoiceField(choices=CHOICES, required=False)
    flagged = forms.ChoiceField(
        choices=CHOICES,
        widget=forms.Select(attrs={"disabled": True, "hidden": False, "data-x": 'a"b', "aria-label": "Ł"}),
    )


def _both(form_class: type[forms.Form], name: str, data: dict[str, Any] | None = None) -> tuple[str, str]:
    """The field's widget drawn by our renderer and by Django's."""
    ours = form_class(data=data, renderer=FormRenderer())[name].as_widget()
    django = form_class(data=data, renderer=DjangoTemplates())[name].as_widget()
    return ours, django


@pytest.mark.parametrize("name", ["single", "many", "flagged"])
@pytest.mark.parametrize(
    "data", [{}, {"single": "1465011", "many": ["1465", "a&b"], "flagged": "7"}, {"single": "nope"}]
)
def test_the_select_is_the_one_django_draws(name: str, data: dict[str, Any]) -> None:
    ours, django = _both(Sample, name, data or None)
    assert "<option" in ours
    assert ours == django


def test_a_widget_with_its_own_option_template_is_drawn_by_django() -> None:
    class Special(forms.Select):
        option_template_name = "django/forms/widgets/input_option.html"

    class WithSpecial(forms.Form):
        field = forms.ChoiceField(choices=CHOICES, widget=Special)

    ours, django = _both(WithSpecial, "field")
    assert ours == django
