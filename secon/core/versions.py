"""Language versions that know when they are out of date, for any editorial record (decision 0002).

A record's words live in one row per language. Each row keeps its own `revision` and `synced_with`,
the revisions of the other languages it was last brought in line with (a language missing there
counts as its first revision). News has its own copy of these rules (older than this module); new
editorial apps (good practices, meeting summaries) derive their version model from
`LanguageVersion` and save through `apply_edit`, so the rule lives in one place.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class VersionEdit(models.TextChoices):
    """What an edit of a language version means for the other versions (the values news uses too)."""

    CONTENT = "content", _("New or changed content: the other language versions need updating")
    CATCH_UP = "catch_up", _("Bringing this version in line with the other language versions")
    MINOR = "minor", _("Minor correction (spelling, formatting): nothing for the other versions")


class LanguageVersion(models.Model):
    """The bookkeeping fields of one language version; the concrete model adds its record and texts."""

    revision = models.PositiveIntegerField(_("revision"), default=1, editable=False)
    synced_with = models.JSONField(default=dict, blank=True, editable=False)
    revised_at = models.DateTimeField(_("last revised"), default=timezone.now, editable=False)

    class Meta:
        abstract = True

    # The concrete model declares its `language` field (with its own choices).
    language: Any

    def outdated_by(self, versions: Iterable[LanguageVersion]) -> list[str]:
        """Languages of the other versions edited since this one was last brought in line with them."""
        return [
            other.language
            for other in versions
            if other.language != self.language
            and other.revision > int(self.synced_with.get(other.language, 1))
        ]


def apply_edit(version: LanguageVersion, kind: str, others: Mapping[str, int]) -> None:
    """Set a version's revision and sync marks for an edit of `kind`; `others` are the other versions'
    revisions as they are after this save (`{language: revision}`). The caller saves the row.

    CONTENT raises the revision (the others fall behind) and records the others as seen; CATCH_UP
    records the others as seen without raising (the translator's catch-up must not flag the source);
    MINOR changes nobody's state.
    """
    if kind == VersionEdit.MINOR:
        return
    if kind == VersionEdit.CONTENT:
        version.revision += 1
    version.synced_with = {code: rev for code, rev in others.items() if code != version.language}
    version.revised_at = timezone.now()
