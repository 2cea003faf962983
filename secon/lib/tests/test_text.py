from hypothesis import given
from hypothesis import strategies as st

from secon.lib.text import fold, search_key, search_stems, stem


def test_fold_removes_case_diacritics_and_extra_spaces():
    assert fold("  Spółdzielnia   Socjalna ") == "spoldzielnia socjalna"
    assert fold("ŁÓDŹ") == "lodz"
    assert fold("Zbijów Mały") == "zbijow maly"


def test_inflected_forms_share_a_stem():
    forms = ["spółdzielnia", "spółdzielni", "spółdzielnią", "spółdzielnie", "spółdzielniami", "spoldzielni"]
    assert {search_stems(f)[0] for f in forms} == {"spoldzieln"}
    assert (
        search_stems("Centrum Integracji Społecznej")[1:] == search_stems("centrum integracja społeczna")[1:]
    )


def test_short_words_are_not_cut():
    assert stem("cis") == "cis" and stem("owes") == "owes"


def test_search_key_frames_stems_with_spaces():
    assert search_key("Spółdzielnia Socjalna", "") == " spoldzieln socjaln "
    assert search_key("", "") == ""


@given(st.text())
def test_folding_never_fails_and_is_idempotent(text):
    assert fold(fold(text)) == fold(text)
    search_key(text)
