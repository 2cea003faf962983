"""Template tags for the programme's visibility elements: the EU emblem, its statement and the logos.

Pages link to the emblem (`eu_emblem_svg`) and to logos by their public address (`logo_url`); a PDF is
made without a web server, so it gets the emblem as inline SVG and the logos as data URIs
(`document_identity`).
"""

from __future__ import annotations

import base64
from typing import Any

from django import template
from django.db.models.fields.files import FieldFile
from django.utils.safestring import SafeString, mark_safe

from secon.core.emblem import EMBLEM_ALT, emblem_markup
from secon.core.uploads import CONTENT_TYPES, public_url
from secon.projects.current import current_project
from secon.projects.models import Partner

register = template.Library()


@register.filter
def logo_url(file: FieldFile | None) -> str:
    """The public address of an uploaded logo, or "" when there is none."""
    return public_url(file)


def logo_data_uri(file: FieldFile | None) -> str:
    """An uploaded logo inlined for a document (read from any storage), or "" when it cannot be read."""
    if not file:
        return ""
    name = str(file.name)
    content_type = CONTENT_TYPES.get(name[name.rfind(".") :].lower(), "")
    if not content_type.startswith("image/"):
        return ""
    try:
        with file.storage.open(name, "rb") as handle:
            data = handle.read()
    except OSError:
        return ""  # a database restored without its media: the document is still made, without the logo
    return f"data:{content_type};base64,{base64.b64encode(data).decode('ascii')}"


@register.simple_tag
def eu_emblem_inline() -> SafeString:
    """The emblem as inline SVG, named for screen readers, in the active language."""
    return mark_safe(emblem_markup(label=str(EMBLEM_ALT)))


@register.inclusion_tag("projects/_document_identity.html")
def document_identity(partner: Partner | None = None) -> dict[str, Any]:
    """The header of a document the platform makes: the EU emblem and its statement, then the logos
    (the project's, the programme's, and the partner's for a partner's own document)."""
    project = current_project()
    return {
        "project": project,
        "project_logo": logo_data_uri(project.logo) if project else "",
        "programme_logo": logo_data_uri(project.programme.logo) if project else "",
        "partner": partner,
        "partner_logo": logo_data_uri(partner.logo) if partner else "",
    }
