"""The joined chronology through the API: the same reads and refusals as the web page."""

import uuid

from tests.api.conftest import ApiClient, bearer_for
from tests.chronology.conftest import pupil

__all__ = ["pupil"]


def test_the_dsl_states_a_purpose_then_reads_every_agencys_entries(pupil):
    api = ApiClient(headers=bearer_for(pupil.staff["dsl"]))
    path = f"/persons/{pupil.school_record}/chronology"
    first = api.get(path)
    assert first.status_code == 409
    assert first.json()["detail"] == "Say why you are opening this child's chronology first."
    assert api.post(path + "/purpose", {"purpose": "concern"}).status_code == 204
    body = api.get(path).json()
    assert body["bases"] == ["school_dsl"]
    assert {e["agency_name"] for e in body["entries"]} == {a.name for a in pupil.agencies.values()}
    adult = [e for e in body["entries"] if e["about"] == "household_adult"]
    assert [(e["redacted"], e["summary"]) for e in adult] == [(True, "")]
    police = str(pupil.agencies["police"].id)
    filtered = api.get(path, agency=police).json()["entries"]
    assert {e["agency_id"] for e in filtered} == {police}


def test_without_a_relationship_the_chronology_is_a_404_like_a_missing_record(pupil):
    api = ApiClient(headers=bearer_for(pupil.staff["teacher"]))
    refused = api.get(f"/persons/{pupil.school_record}/chronology")
    missing = api.get(f"/persons/{uuid.uuid4()}/chronology")
    assert refused.status_code == missing.status_code == 404
    assert refused.json() == missing.json()
    purpose = api.post(f"/persons/{pupil.school_record}/chronology/purpose", {"purpose": "plan"})
    assert purpose.status_code == 404
