"""Folding names for search: "luczak" finds "Łuczak", whatever the case or the letters."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sightline.records.schema.folding import fold


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("Łuczak", "luczak"),
        ("ŁUCZAK", "luczak"),
        ("Krężołek", "krezolek"),
        ("Şahin", "sahin"),
        ("Þórsdóttir", "thorsdottir"),
        ("STRAẞE", "strasse"),
        ("  Øyvind ", "oyvind"),
    ],
)
def test_case_and_diacritics_fold_away(written, folded):
    assert fold(written) == folded


@given(st.text())
def test_folding_twice_changes_nothing_more(text):
    assert fold(fold(text)) == fold(text)
