"""Registry URLs: gdpr (filled in by the gdpr work)."""

from django.urls import URLPattern

manage_patterns: list[URLPattern] = []
public_patterns: list[URLPattern] = []
