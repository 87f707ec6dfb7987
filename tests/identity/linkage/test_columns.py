"""A record in the linkage column format becomes the columns the model compares."""

from hypothesis import given
from hypothesis import strategies as st

from sightline.identity.linkage import columns
from sightline.identity.linkage.columns import feature_row


def test_a_record_becomes_its_feature_columns():
    row = feature_row(
        {
            "record_id": " r1 ",
            "source": "police",
            "given_name": "Bill",
            "family_name": "Łuczak-Smith",
            "other_names": "William Nowak",
            "date_of_birth": "2015-3-7",
            "sex": "m",
            "postcode": "zy11aa",
            "address": "17 Ash Rd, Eastbridge",
            "nhs_number": "943 476 5919",
            "upn": "a123456789012",
        }
    )
    assert list(row) == list(columns.FEATURE_COLUMNS)
    assert row["unique_id"] == "r1"
    assert row["given_folded"] == "bill"
    assert {"bill", "william"} <= set(row["given_keys"])  # the other name's given name too
    assert row["given_keys"] == sorted(row["given_keys"])
    assert row["family_folded"] == "luczak smith"
    assert row["surname_keys"] == ["luczak", "nowak", "smith"]  # with the earlier surname
    assert (row["dob_year"], row["dob_month"], row["dob_day"]) == (2015, 3, 7)
    assert row["date_of_birth"] == "2015-03-07"
    assert row["sex"] == "M"
    assert (row["postcode_unit"], row["postcode_sector"], row["postcode_district"]) == (
        "ZY1 1AA",
        "ZY1 1",
        "ZY1",
    )
    assert row["address_key"] == "17 ash road"
    assert row["address_shown"] == "17 Ash Rd, Eastbridge, zy11aa"
    assert row["nhs_number"] == "9434765919"
    assert row["upn"] == "A123456789012"


def test_blank_and_unreadable_values_are_missing():
    row = feature_row(
        {
            "record_id": "r2",
            "given_name": "  ",
            "date_of_birth": "2015-02-30",
            "sex": "U",
            "nhs_number": "12345",
            "upn": "x",
        }
    )
    assert row["given_folded"] is None and row["given_keys"] == []
    assert row["dob_year"] is None and row["date_of_birth"] == "2015-02-30"  # shown as written
    assert row["sex"] is None and row["nhs_number"] is None and row["upn"] is None
    assert row["address_key"] is None and row["postcode_unit"] is None


def test_partial_dates_keep_the_parts_they_have():
    assert columns.birth_date("2015-03") == columns.BirthDate("2015-03", 2015, 3)
    assert columns.birth_date("2015") == columns.BirthDate("2015", 2015)


def test_other_names_give_a_given_name_and_family_name_each():
    assert columns.parse_other_names("Laura Chapman; Kasia de la Cruz;Bell") == (
        columns.OtherName("Laura", "Chapman"),
        columns.OtherName("Kasia", "de la Cruz"),
        columns.OtherName(None, "Bell"),
    )


def test_a_postcode_from_elsewhere_is_kept_whole():
    assert columns.postcode("2615") == columns.Postcode("2615")
    assert columns.postcode("ZY1 1AA").district == "ZY1"


def test_street_words_are_written_one_way():
    assert columns.address_key("3 High St.") == columns.address_key("3 HIGH STREET, Town")


@given(st.dictionaries(st.sampled_from(columns.INPUT_COLUMNS), st.text(max_size=20)))
def test_any_record_gives_every_column_without_raising(record):
    assert list(feature_row(record)) == list(columns.FEATURE_COLUMNS)
