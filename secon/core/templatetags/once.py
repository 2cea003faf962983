"""`{% once_token %}`: the hidden one-time token of a creation form (see core/idempotency.py)."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from secon.core.idempotency import FIELD, new_token

register = template.Library()


@register.simple_tag
def once_token() -> SafeString:
    # A fresh token for every form shown: two forms on one page must not pass for one submission.
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, new_token())
