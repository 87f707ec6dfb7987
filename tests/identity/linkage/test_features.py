"""The normalisers see through the ways agencies write one person differently.

Every name here is made up or a common name on its own; none describes a real person.
"""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from nicknames import NickNamer

from sightline.core.given_name_variants import GIVEN_NAME_VARIANTS
from sightline.identity.linkage import features
from sightline.identity.linkage.features import DateOfBirthAgreement as Agreement
from sightline.identity.linkage.features import PartialDate, PostcodeParts
from sightline.synthetic.names import strip_diacritics

# Letters of the names England's agencies record: English, and Polish, Romanian, Lithuanian,
# Turkish, German and Nordic letters with their diacritics.
LATIN_LETTERS = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "ąćęłńóśźżĄĆĘŁŃÓŚŹŻăâîșțşţĂÂÎȘȚŞŢčėįšųūžČĖĮŠŲŪŽçğıöüÇĞİÖÜäßøæåéèêëíïñúÄØÆÅÉÈÑ"
)
names_text = st.text(alphabet=LATIN_LETTERS + " -'", max_size=30)


# ------------------------------------------------------------------------------- folding names


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("Łęczycka-Żmuda", "leczycka zmuda"),  # Polish, with the stroked Ł
        ("ŚLIWIŃSKI", "sliwinski"),
        ("Ștefănescu", "stefanescu"),  # Romanian comma-below letters
        ("Ştefănescu", "stefanescu"),  # and the cedilla forms older systems type
        ("Yıldız Çağlar", "yildiz caglar"),  # Turkish dotless ı
        ("İpek Şen", "ipek sen"),  # Turkish dotted İ
        ("Žemaitė Šaulytė", "zemaite saulyte"),  # Lithuanian
        ("Großmann", "grossmann"),
        ("Søgaard", "sogaard"),
        ("O'Neill", "oneill"),
        ("O’Neill", "oneill"),  # a typographic apostrophe
        ("  smith  -  JONES. ", "smith jones"),
        ("Ann-Marie2", "ann marie"),
    ],
)
def test_fold_name_drops_case_diacritics_and_punctuation(written, folded):
    assert features.fold_name(written) == folded


@pytest.mark.parametrize("junk", [None, "", "   ", "123", "-- / --", "\x00"])
def test_fold_name_of_junk_is_empty(junk):
    assert features.fold_name(junk) == ""


@given(st.text())
def test_folding_is_idempotent(text):
    folded = features.fold_name(text)
    assert features.fold_name(folded) == folded


@given(names_text)
def test_folding_ignores_case(name):
    assert features.fold_name(name.upper()) == features.fold_name(name.lower())


@given(names_text)
def test_a_name_and_its_diacritic_stripped_form_fold_equal(name):
    assert features.fold_name(strip_diacritics(name)) == features.fold_name(name)


# ---------------------------------------------------------------------------- phonetic keys


@pytest.mark.parametrize(
    ("written", "heard"),
    [
        ("Kowalczyk", "Kovalchik"),  # w as v, cz as ch, y as i
        ("Szczepańska", "Shchepanska"),
        ("Wróblewski", "Vroblevski"),
        ("Wróblewski", "Wroblewsky"),
        ("Jasińska", "Yasinska"),
        ("Rzepecki", "Zhepecki"),
        ("Wójcicka", "Voychicka"),
        ("Choudhury", "Chowdhury"),  # the "ow" of an English spelling stays a vowel
        ("Catherine", "Katherine"),
    ],
)
def test_names_spelt_as_heard_share_a_phonetic_key(written, heard):
    assert features.phonetic_key(written) == features.phonetic_key(heard)


@pytest.mark.parametrize(("first", "second"), [("Nowak", "Mazur"), ("Smith", "Jones")])
def test_different_names_have_different_phonetic_keys(first, second):
    assert features.phonetic_key(first) != features.phonetic_key(second)


@pytest.mark.parametrize("junk", [None, "", "1234", "—", "Иван"])
def test_a_name_without_latin_letters_has_no_phonetic_key(junk):
    assert features.phonetic_key(junk) is None


@given(names_text)
def test_a_phonetic_key_ignores_case_and_diacritics(name):
    key = features.phonetic_key(name)
    assert features.phonetic_key(strip_diacritics(name).upper()) == key


# ------------------------------------------------------------------------------ given names


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Bill", "William"),
        ("bill", "WILLIAM"),
        ("Kate", "Katherine"),
        ("Kate", "Catherine"),
        ("Katherine", "Catherine"),  # one name spelt two ways
        ("Steven", "Stephen"),
        ("Kasia", "Katarzyna"),  # a Polish diminutive
        ("Katherine", "Katarzyna"),  # an English form
        ("Kate", "Katarzyna"),  # a nickname of the English form
        ("Krzys", "Krzysztof"),  # a diminutive that lost its diacritic (Krzyś)
        ("Voytek", "Wojtek"),  # two forms of one name
    ],
)
def test_nicknames_and_formal_names_share_a_group(first, second):
    assert features.share_given_name_group(first, second)
    assert features.share_given_name_group(second, first)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("William", "Robert"),  # both have a "Bill" in the dataset, yet are different names
        ("Albert", "Alfred"),  # both shorten to Al
        ("Victor", "Victoria"),  # sound alike to Metaphone but are different names
        ("Oliver", "Harry"),
        ("Kasia", "Zofia"),
        ("", "William"),
    ],
)
def test_different_names_do_not_share_a_group(first, second):
    assert not features.share_given_name_group(first, second)


def test_an_ambiguous_nickname_belongs_to_each_name_it_may_stand_for():
    groups = features.given_name_groups("Al")
    assert {"al", "albert", "alfred", "alan"} <= groups


def test_every_anglicised_form_and_diminutive_the_agencies_record_meets_its_original():
    for original, forms in GIVEN_NAME_VARIANTS.items():
        for form in forms:
            assert features.share_given_name_group(original, form), (original, form)
            assert features.share_given_name_group(strip_diacritics(original), form)


def test_an_original_name_meets_the_nicknames_of_its_english_form():
    english = NickNamer.default_lookup()
    checked = 0
    for original, forms in GIVEN_NAME_VARIANTS.items():
        for form in forms:
            for nickname in sorted(english.get(form.lower(), ())):
                if nickname.isalpha() and features.share_given_name_group(form, nickname):
                    assert features.share_given_name_group(original, nickname), (
                        original,
                        nickname,
                    )
                    checked += 1
    assert checked > 20


def test_a_name_of_several_words_has_the_groups_of_each():
    assert features.share_given_name_group("Anna Katarzyna", "Kasia")
    assert features.share_given_name_group("Anna-Maria", "Maria")


@given(st.sampled_from(sorted(NickNamer.default_lookup())))
def test_every_group_key_set_of_a_formal_name_includes_itself(formal):
    folded = features.fold_name(formal)
    if folded:
        assert folded in features.given_name_groups(formal)


@given(names_text, names_text)
def test_sharing_a_group_is_symmetric(first, second):
    assert features.share_given_name_group(first, second) == features.share_given_name_group(
        second, first
    )


@given(st.text())
def test_given_name_groups_never_raise_and_are_empty_for_no_letters(text):
    groups = features.given_name_groups(text)
    assert bool(groups) == bool(features.fold_name(text))


# ---------------------------------------------------------------------------------- surnames


def test_a_double_surname_splits_into_its_parts_in_one_gendered_form():
    assert features.surname_parts("Nowak-Brzeska") == ("nowak", "brzeski")
    assert features.surname_parts("Okafor Smith") == ("okafor", "smith")


@pytest.mark.parametrize(
    "other", ["Nowak", "Brzeska", "Brzeski", "BRZESKA", "Nowak Brzeska", "Smith-Nowak"]
)
def test_a_double_surname_overlaps_each_of_its_parts(other):
    assert features.surnames_overlap("Nowak-Brzeska", other)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Zawadzka", "Zawadzki"),
        ("Malicka", "Malicki"),
        ("Kowalska", "Kowalsky"),  # an English spelling of the men's form
        ("Łęcka", "Lecki"),
        ("O'Brien", "O Brien"),
        ("OBrien", "O'Brien"),
        ("Mac Donald", "MacDonald"),
        ("de la Cruz", "Cruz"),
        ("Al Hassan", "Hassan"),
    ],
)
def test_one_surname_written_two_ways_overlaps(first, second):
    assert features.surnames_overlap(first, second)


@pytest.mark.parametrize(
    ("first", "second"),
    [("Nowak-Brzeska", "Mazur"), ("Smith", "Smithson"), ("Ska", "Ski"), ("", "Nowak")],
)
def test_different_surnames_do_not_overlap(first, second):
    assert not features.surnames_overlap(first, second)


def test_a_particle_alone_is_kept_as_the_surname():
    assert features.surname_parts("Le") == ("le",)


def test_surname_keys_gather_every_name_a_person_was_recorded_under():
    # One agency holds the new surname and records the birth surname as a previous name;
    # another still holds only the birth surname.
    changed = features.surname_keys(["Hughes-Okafor", "Adeyemi"])
    kept = features.surname_keys(["Adeyemi"])
    assert changed == {"hughes", "okafor", "adeyemi"}
    assert changed & kept
    assert features.surname_keys([None, ""]) == frozenset()


def test_surname_phonetic_keys_cover_every_part():
    keys = features.surname_phonetic_keys(["Shimanska-Hughes"])
    assert features.phonetic_key("Szymański") in keys
    assert features.phonetic_key("Hughes") in keys


@given(st.text())
def test_surname_functions_never_raise(text):
    parts = features.surname_parts(text)
    assert all(part and " " not in part for part in parts)
    assert features.surname_keys([text]) == frozenset(parts)


# ---------------------------------------------------------------------------- dates of birth


@pytest.mark.parametrize(
    ("written", "parsed"),
    [
        ("2015-03-07", PartialDate(2015, 3, 7)),
        (" 2015-03-07 ", PartialDate(2015, 3, 7)),
        ("2015-03", PartialDate(2015, 3)),
        ("2015", PartialDate(2015)),
    ],
)
def test_dates_of_birth_parse_whole_or_partial(written, parsed):
    assert features.parse_date_of_birth(written) == parsed


@pytest.mark.parametrize(
    "junk",
    [None, "", "2015-02-30", "2015-13", "2015-00-10", "0000", "07/03/2015", "٢٠١٥", "soon"],
)
def test_unreadable_dates_of_birth_parse_to_none(junk):
    assert features.parse_date_of_birth(junk) is None


@pytest.mark.parametrize(
    ("first", "second", "agreement"),
    [
        ("2015-03-07", "2015-03-07", Agreement.EXACT),
        ("2015-03-07", "2015-07-03", Agreement.DAY_MONTH_SWAPPED),
        ("2015-03-07", "2015-03-08", Agreement.NEAR_MISS),  # a day off
        ("2015-12-31", "2016-01-01", Agreement.NEAR_MISS),  # a day off across a year end
        ("2015-12-05", "2015-01-05", Agreement.NEAR_MISS),  # December keyed as January
        ("2015-03-07", "2016-03-07", Agreement.NEAR_MISS),  # a year off
        ("2015-03-17", "2015-03-27", Agreement.NEAR_MISS),  # one digit wrong
        ("2015-03-12", "2015-03-21", Agreement.NEAR_MISS),  # two digits in the wrong order
        ("2015-03-07", "2015-03-25", Agreement.SAME_YEAR_MONTH),
        ("2015-03", "2015-03-25", Agreement.SAME_YEAR_MONTH),
        ("2015-03", "2015-03", Agreement.SAME_YEAR_MONTH),  # a partial date is never exact
        ("2015", "2015-03-25", Agreement.SAME_YEAR),
        ("2015-03-07", "2015-09-20", Agreement.SAME_YEAR),
        ("2015-03-07", "2021-03-07", Agreement.DIFFERENT),
        ("2015-03-07", "2017-08-07", Agreement.DIFFERENT),
        ("2015", "2016", Agreement.DIFFERENT),
        ("2015-03-07", None, Agreement.MISSING),
        ("2015-02-30", "2015-02-28", Agreement.MISSING),
    ],
)
def test_dates_of_birth_agree_by_kind(first, second, agreement):
    assert features.compare_dates_of_birth(first, second) is agreement


def test_a_swap_needs_day_and_month_both_twelve_or_less_and_different():
    assert features.compare_dates_of_birth("2015-04-04", "2015-04-04") is Agreement.EXACT
    assert features.compare_dates_of_birth("2015-03-14", "2015-14-03") is Agreement.MISSING
    assert not features.is_day_month_swap(date(2015, 4, 4), date(2015, 4, 4))
    assert not features.is_day_month_swap(date(2015, 3, 7), date(2016, 7, 3))


birth_dates = st.dates(min_value=date(1920, 1, 1), max_value=date(2030, 12, 31))


@given(birth_dates)
def test_every_swappable_date_is_found_swapped_both_ways(born):
    if born.day <= 12 and born.day != born.month:
        swapped = date(born.year, born.day, born.month)
        assert features.is_day_month_swap(born, swapped)
        assert features.is_day_month_swap(swapped, born)
        agreement = features.compare_dates_of_birth(born.isoformat(), swapped.isoformat())
        assert agreement is Agreement.DAY_MONTH_SWAPPED


@given(birth_dates, st.sampled_from([-1, 1]))
def test_a_date_one_day_off_is_a_near_miss(born, step):
    off = born + timedelta(days=step)
    assert features.compare_dates_of_birth(born.isoformat(), off.isoformat()) in (
        Agreement.NEAR_MISS,
        Agreement.DAY_MONTH_SWAPPED,  # 2015-01-02 and 2015-02-01 are both
    )


@given(birth_dates, birth_dates)
def test_date_agreement_is_symmetric(first, second):
    a, b = first.isoformat(), second.isoformat()
    assert features.compare_dates_of_birth(a, b) is features.compare_dates_of_birth(b, a)


@given(st.one_of(st.none(), st.text()), st.one_of(st.none(), st.text()))
def test_comparing_arbitrary_text_never_raises(first, second):
    assert features.compare_dates_of_birth(first, second) in set(Agreement)


# --------------------------------------------------------------------------------- postcodes


@pytest.mark.parametrize(
    ("written", "parts"),
    [
        ("CV1 1AA", PostcodeParts("CV", "CV1", "CV1 1", "CV1 1AA")),
        ("cv11aa", PostcodeParts("CV", "CV1", "CV1 1", "CV1 1AA")),
        (" cv1   1aa ", PostcodeParts("CV", "CV1", "CV1 1", "CV1 1AA")),
        ("M1 1AE", PostcodeParts("M", "M1", "M1 1", "M1 1AE")),
        ("B338TH", PostcodeParts("B", "B33", "B33 8", "B33 8TH")),
        ("DN55 1PT", PostcodeParts("DN", "DN55", "DN55 1", "DN55 1PT")),
        ("w1a 0ax", PostcodeParts("W", "W1A", "W1A 0", "W1A 0AX")),
        ("EC1A-1BB", PostcodeParts("EC", "EC1A", "EC1A 1", "EC1A 1BB")),
        ("ZY12 3AB", PostcodeParts("ZY", "ZY12", "ZY12 3", "ZY12 3AB")),
        ("cv1", PostcodeParts("CV", "CV1", None, None)),  # an outward code alone
    ],
)
def test_postcodes_split_into_area_district_sector_and_unit(written, parts):
    assert features.postcode_parts(written) == parts
    assert features.normalise_postcode(written) == parts.unit


@pytest.mark.parametrize(
    "junk",
    [None, "", "CV", "CV1 1A", "1AA CV1", "CV1 1AA CV2 2BB", "CV123 1AA", "CV1 1AÄA", "NFA"],
)
def test_junk_postcodes_have_no_parts(junk):
    assert features.postcode_parts(junk) == PostcodeParts()
    assert features.normalise_postcode(junk) is None


postcodes = st.from_regex(r"[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}", fullmatch=True)


@given(postcodes)
def test_postcode_parts_are_prefixes_of_each_other(postcode):
    parts = features.postcode_parts(postcode)
    assert parts.area and parts.district and parts.sector and parts.unit
    assert parts.unit.startswith(parts.sector)
    assert parts.sector.startswith(parts.district)
    assert parts.district.startswith(parts.area)
    assert len(parts.unit) == len(parts.sector) + 2


@given(postcodes)
def test_a_postcode_in_lower_case_or_without_its_space_has_the_same_parts(postcode):
    compact = postcode.replace(" ", "").lower()
    assert features.postcode_parts(compact) == features.postcode_parts(postcode)


@given(st.text())
def test_postcode_parts_of_arbitrary_text_never_raise(text):
    parts = features.postcode_parts(text)
    assert parts.unit is None or parts.unit == features.normalise_postcode(parts.unit)
