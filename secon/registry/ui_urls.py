"""Registry URLs: ui (filled in by the ui work)."""

from django.urls import URLPattern

manage_patterns: list[URLPattern] = []
public_patterns: list[URLPattern] = []
