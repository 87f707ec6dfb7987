import csv
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.gb import upn as stdnum_upn

from sightline.records import identifiers

VECTORS = (
    Path(__file__).resolve().parents[3] / "shared/standards/identifiers/identifier_test_vectors.tsv"
)
CHECKS = {
    "nhs_number": identifiers.is_valid_nhs_number,
    "upn": identifiers.is_valid_upn,
    "pnc_id": identifiers.is_valid_pnc_id,
    "postcode": identifiers.is_valid_postcode,
}


def _vectors() -> list[tuple[str, str, bool, str]]:
    with VECTORS.open(encoding="utf-8") as handle:
        return [
            (row["scheme"], row["value"], row["expected_valid"] == "true", row["note"])
            for row in csv.DictReader(handle, delimiter="\t")
        ]


def test_the_shared_test_vectors_are_all_present():
    schemes = {scheme for scheme, *_ in _vectors()}
    assert schemes == set(CHECKS)
    assert len(_vectors()) >= 30


@pytest.mark.parametrize(("scheme", "value", "expected", "note"), _vectors())
def test_identifier_check_matches_the_shared_vector(scheme, value, expected, note):
    assert CHECKS[scheme](value) is expected, note


@given(st.from_regex(r"[0-9]{9}", fullmatch=True))
def test_every_nine_digits_have_at_most_one_valid_check_digit(first_nine):
    valid = [d for d in range(10) if identifiers.is_valid_nhs_number(f"{first_nine}{d}")]
    assert len(valid) <= 1


@given(st.from_regex(r"[0-9]{11}", fullmatch=True))
def test_upn_check_letter_agrees_with_python_stdnum(digits):
    # stdnum also rejects unknown local-authority numbers; compare the check letter only.
    expected = stdnum_upn.calc_check_digit(f"{digits}0")
    for letter in "ABCDEFGHJKLMNPQRTUVWXYZ":
        assert identifiers.is_valid_upn(f"{letter}{digits}0") is (letter == expected)


def test_nhs_numbers_are_accepted_with_spaces_once_normalised():
    assert identifiers.is_valid_nhs_number(identifiers.normalise_nhs_number("943 476 5919"))


def test_postcodes_are_normalised_to_one_space_and_upper_case():
    assert identifiers.normalise_postcode(" cv1  1aa") == "CV1 1AA"
    assert identifiers.is_valid_postcode(identifiers.normalise_postcode("sw1a1aa"))
