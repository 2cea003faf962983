"""Registry URLs: join (filled in by the join work)."""

from django.urls import URLPattern

manage_patterns: list[URLPattern] = []
public_patterns: list[URLPattern] = []
