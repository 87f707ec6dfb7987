from random import Random

import pytest

from sightline.synthetic import names


@pytest.mark.parametrize(
    ("written", "plain"),
    [("Łuczak", "Luczak"), ("Krężołek", "Krezolek"), ("Ștefan", "Stefan"), ("Smith", "Smith")],
)
def test_diacritics_are_stripped_keeping_case(written, plain):
    assert names.strip_diacritics(written) == plain


def test_polish_surnames_take_the_feminine_form_for_women_and_girls():
    assert names.gendered("Kowalski", "F") == "Kowalska"
    assert names.gendered("Kowalski", "M") == "Kowalski"
    assert names.gendered("Głowacki", "F") == "Głowacka"
    assert names.other_gender("Kowalska") == "Kowalski"
    assert names.gendered("Nowak", "F") == "Nowak"


def test_a_typo_changes_a_name_a_little_and_keeps_its_first_letter():
    rng = Random(1)
    for name in ("William", "Katarzyna", "Okonkwo", "Lee"):
        typed = names.typo(rng, name)
        assert typed[0] == name[0]
        assert abs(len(typed) - len(name)) <= 1


def test_variants_come_from_the_nickname_dataset_and_the_variant_tables():
    rng = Random(2)
    assert {names.given_name_variant(rng, "William") for _ in range(60)} >= {"Bill", "Will"}
    assert names.given_name_variant(rng, "Katarzyna") in {"Katherine", "Kasia"}
    assert names.surname_variant(rng, "Łuczak") in {"Lucak", "Wuczak", "Luczack"}
    assert names.given_name_variant(rng, "Zzyzx") is None
