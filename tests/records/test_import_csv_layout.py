"""The CSV layout: a spreadsheet row becomes exactly the record a JSON Lines line would hold."""

from sightline.records.services.imports.csv_layout import flatten, unflatten
from tests.records.factories import injury_raw, person_raw


def test_dotted_numbered_and_listed_columns_become_nested_fields():
    raw, problems = unflatten(
        {
            "record_type": "event",
            "kind": "injury",
            "subjects": "P-1:child_subject; P-2:parent_or_carer",
            "cin_factors": "3A;16A",
            "details.marks.1.region": "B-UPPERBACK",
            "details.marks.0.region": "F-CHEEK-L",
            "details.marks.0.size_mm": "25",
            "details.explanation_given": "false",
            "summary": "",
        }
    )
    assert problems == []
    assert raw == {
        "record_type": "event",
        "kind": "injury",
        "subjects": [
            {"person": "P-1", "role": "child_subject"},
            {"person": "P-2", "role": "parent_or_carer"},
        ],
        "cin_factors": ["3A", "16A"],
        "details": {
            "marks": [{"region": "F-CHEEK-L", "size_mm": "25"}, {"region": "B-UPPERBACK"}],
            "explanation_given": "false",
        },
    }


def test_identifiers_may_be_named_by_scheme_and_addresses_numbered():
    raw, problems = unflatten(
        {
            "record_type": "person",
            "identifiers.nhs_number": "943 476 5919",
            "addresses.0.line1": "12 Elm Road",
            "addresses.0.postcode": "CV1 1AA",
            "disabilities": "MOB;HAND",
        }
    )
    assert problems == []
    assert raw["identifiers"] == {"nhs_number": "943 476 5919"}
    assert raw["addresses"] == [{"line1": "12 Elm Road", "postcode": "CV1 1AA"}]
    assert raw["disabilities"] == ["MOB", "HAND"]


def test_a_structured_field_may_be_given_whole_as_json():
    raw, problems = unflatten(
        {
            "record_type": "event",
            "kind": "domestic_abuse_incident",
            "details": '{"risk_level": "high", "children_present": true}',
        }  # fmt: skip
    )
    assert problems == []
    assert raw["details"] == {"risk_level": "high", "children_present": True}


def test_clashing_or_broken_cells_are_named_by_column():
    _, problems = unflatten(
        {
            "record_type": "event",
            "kind": "domestic_abuse_incident",
            "details": '{"risk_level": "high"}',
            "details.children_present": "true",
            "subjects": "[not json",
        }
    )
    assert {column for column, _ in problems} == {"details.children_present", "subjects"}


def test_numbered_and_named_columns_cannot_be_mixed_in_one_list():
    _, problems = unflatten(
        {"record_type": "person", "addresses.0.line1": "1 Road", "addresses.home": "x"}
    )
    assert [column for column, _ in problems] == ["addresses"]


def test_flatten_is_the_inverse_of_unflatten_for_the_schemas_records():
    for record in (
        {"record_type": "person", **person_raw()},
        {"record_type": "event", **injury_raw()},
    ):
        raw, problems = unflatten(flatten(record))
        assert problems == []
        assert raw["record_type"] == record["record_type"]
        assert raw["source_reference"] == record["source_reference"]
    event_cells = flatten({"record_type": "event", **injury_raw()})
    assert event_cells["subjects"] == "P-0001:child_subject"
    assert event_cells["details.marks.0.region"] == "F-CHEEK-L"
    assert event_cells["details.explanation_given"] == "true"
