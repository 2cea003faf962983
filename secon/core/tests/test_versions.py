"""The shared language-version bookkeeping (decision 0002): what each kind of edit does to the others."""

from __future__ import annotations

from secon.core.versions import VersionEdit, apply_edit
from secon.practices.models import PracticeVersion


def _pair() -> tuple[PracticeVersion, PracticeVersion]:
    return PracticeVersion(language="pl"), PracticeVersion(language="en")


def test_new_content_in_one_language_puts_the_other_out_of_date() -> None:
    polish, english = _pair()

    apply_edit(polish, VersionEdit.CONTENT, {"en": english.revision})

    assert polish.revision == 2
    assert english.outdated_by([polish, english]) == ["pl"]
    assert polish.outdated_by([polish, english]) == []


def test_catching_up_brings_a_version_in_line_without_flagging_the_source() -> None:
    polish, english = _pair()
    apply_edit(polish, VersionEdit.CONTENT, {"en": english.revision})

    apply_edit(english, VersionEdit.CATCH_UP, {"pl": polish.revision})

    assert english.revision == 1
    assert english.outdated_by([polish, english]) == []
    assert polish.outdated_by([polish, english]) == []


def test_a_minor_correction_changes_nobodys_state() -> None:
    polish, _english = _pair()

    apply_edit(polish, VersionEdit.MINOR, {"en": 5})

    assert polish.revision == 1 and polish.synced_with == {}
