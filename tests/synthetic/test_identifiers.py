"""Synthetic NHS numbers, UPNs, PNC ids and postcodes carry valid check characters, computed by
the generator's own maths and confirmed by the records app's validators."""

import csv
from pathlib import Path

import pytest

from sightline.records import identifiers
from sightline.synthetic import checkdigits

VECTORS = (
    Path(__file__).resolve().parents[3] / "shared/standards/identifiers/identifier_test_vectors.tsv"
)


def _valid_vectors(scheme: str) -> list[str]:
    with VECTORS.open(encoding="utf-8") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return [r["value"] for r in rows if r["scheme"] == scheme and r["expected_valid"] == "true"]


@pytest.mark.parametrize("value", _valid_vectors("nhs_number"))
def test_the_nhs_check_digit_matches_the_published_examples(value):
    assert checkdigits.nhs_check_digit(value[:9]) == int(value[9])


@pytest.mark.parametrize("value", [v for v in _valid_vectors("upn") if v[-1].isdigit()])
def test_the_upn_check_letter_matches_the_published_examples(value):
    assert checkdigits.upn_check_letter(value[1:]) == value[0]


def test_generated_identifiers_are_valid_and_never_shared():
    numbers = range(1, 20_001)
    nhs = [checkdigits.nhs_number(n) for n in numbers]
    upns = [checkdigits.upn(n, "990") for n in numbers]
    pncs = [checkdigits.pnc_id(n, 2010) for n in numbers]
    assert all(identifiers.is_valid_nhs_number(v) and v.startswith("9") for v in nhs)
    assert all(identifiers.is_valid_upn(v) and v[1:4] == "990" for v in upns)
    assert all(identifiers.is_valid_pnc_id(v) for v in pncs)
    assert len(set(nhs)) == len(set(upns)) == len(set(pncs)) == len(numbers)


def test_generated_postcodes_are_well_formed_and_fictional():
    codes = [
        checkdigits.postcode("ZY", d, s, u)
        for d in (1, 42, 99)
        for s in range(10)
        for u in range(0, 400, 7)
    ]
    assert all(identifiers.is_valid_postcode(code) for code in codes)
    assert all(code.startswith("ZY") for code in codes)
