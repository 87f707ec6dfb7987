"""Timeline prominence: by kind, raised only by what the recording agency said."""

from hypothesis import given
from hypothesis import strategies as st

from sightline.chronology.severity import HIGH, LEVELS, LOW, MEDIUM, severity
from sightline.records.schema.catalogue import EventKind


def test_a_high_risk_incident_stands_out_more_than_a_standard_one():
    assert severity("domestic_abuse_incident", {"risk_level": "high"}) == HIGH
    assert severity("domestic_abuse_incident", {"risk_level": "standard"}) == MEDIUM
    assert severity("domestic_abuse_incident") == MEDIUM  # redacted: the kind alone


def test_a_note_is_low():
    assert severity("note") == LOW


@given(st.sampled_from([k.value for k in EventKind]), st.dictionaries(st.text(), st.text()))
def test_every_kind_has_a_level_whatever_its_details(kind, details):
    assert severity(kind, details) in LEVELS
    assert LEVELS.index(severity(kind, details)) >= LEVELS.index(severity(kind))
