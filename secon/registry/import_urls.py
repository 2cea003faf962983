"""Registry URLs: import (filled in by the import work)."""

from django.urls import URLPattern

manage_patterns: list[URLPattern] = []
public_patterns: list[URLPattern] = []
