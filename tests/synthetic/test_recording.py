"""Each agency records a person differently, at about the rates the profile gives."""

from collections import defaultdict

from sightline.synthetic.names import has_diacritics
from sightline.synthetic.profile import profile_load


def _truth_of(population):
    persons = {}
    for person in population.truth_of_type("person"):
        for record in person["records"]:
            persons[(record["agency"], record["source_reference"])] = person
    return persons


def _kinds(population):
    return {a["code"]: a["kind"] for a in population.agencies}


def test_nhs_number_coverage_follows_the_agency_kind(population):
    coverage = profile_load().table("recording.nhs_number_coverage")
    kinds = _kinds(population)
    held: defaultdict[str, int] = defaultdict(int)
    total: defaultdict[str, int] = defaultdict(int)
    for record in population.of_type("person"):
        kind = kinds[record["agency"]]
        total[kind] += 1
        held[kind] += "nhs_number" in record.get("identifiers", {})
    for kind, count in total.items():
        if count >= 200:
            assert abs(held[kind] / count - coverage.get(kind, 0.0)) < 0.06, kind


def test_schools_hold_their_pupils_upns_and_the_upns_are_the_truth(population):
    truth = _truth_of(population)
    kinds = _kinds(population)
    pupils = [
        r
        for r in population.of_type("person")
        if kinds[r["agency"]] == "school" and truth[(r["agency"], r["source_reference"])]["child"]
    ]
    with_upn = [r for r in pupils if "upn" in r.get("identifiers", {})]
    assert len(with_upn) / len(pupils) > 0.95
    for record in with_upn:
        assert (
            record["identifiers"]["upn"]
            == truth[(record["agency"], record["source_reference"])]["upn"]
        )


def test_dates_of_birth_are_sometimes_wrong_or_partial(population):
    truth = _truth_of(population)
    records = population.of_type("person")
    differ = [
        r
        for r in records
        if r["date_of_birth"] != truth[(r["agency"], r["source_reference"])]["date_of_birth"]
    ]
    assert 0.03 <= len(differ) / len(records) <= 0.09  # profile: about 0.06 in all
    swapped = [
        r
        for r in differ
        if len(r["date_of_birth"]) == 10
        and r["date_of_birth"][5:7]
        == truth[(r["agency"], r["source_reference"])]["date_of_birth"][8:10]
        and r["date_of_birth"][8:10]
        == truth[(r["agency"], r["source_reference"])]["date_of_birth"][5:7]
    ]
    assert swapped
    assert any(len(r["date_of_birth"]) == 4 for r in differ)


def test_diacritics_are_often_lost_and_names_sometimes_anglicised(population):
    truth = _truth_of(population)
    written = [
        (r["family_name"], truth[(r["agency"], r["source_reference"])]["family_name"])
        for r in population.of_type("person")
    ]
    accented = [(recorded, true) for recorded, true in written if has_diacritics(true)]
    plain = [recorded for recorded, _ in accented if not has_diacritics(recorded)]
    assert len(accented) > 50
    assert 0.45 <= len(plain) / len(accented) <= 0.8  # profile: 0.6 dropped, plus anglicised


def test_given_names_are_sometimes_nicknames(population):
    truth = _truth_of(population)
    changed = [
        (r["given_name"], truth[(r["agency"], r["source_reference"])]["given_name"])
        for r in population.of_type("person")
    ]
    changed = [(recorded, true) for recorded, true in changed if recorded != true]
    records = len(population.of_type("person"))
    assert 0.06 <= len(changed) / records <= 0.25
    assert any(len(recorded) < len(true) - 2 for recorded, true in changed)  # e.g. Bill, William


def test_a_few_people_are_recorded_twice_by_the_same_agency(population):
    summary = population.summary
    assert 0.004 <= summary.duplicate_records / summary.recorded_persons <= 0.02
    agencies_per_person = [
        [r["agency"] for r in p["records"]] for p in population.truth_of_type("person")
    ]
    assert any(len(agencies) != len(set(agencies)) for agencies in agencies_per_person)


def test_moves_leave_some_agencies_with_an_old_address(population):
    truth_households = {h["household_id"]: h for h in population.truth_of_type("household")}
    truth = _truth_of(population)
    stale = 0
    for record in population.of_type("person"):
        person = truth[(record["agency"], record["source_reference"])]
        homes = truth_households[person["household_id"]]["addresses"]
        held = record.get("addresses", [])
        if len(homes) > 1 and held and held[-1]["postcode"] != homes[-1]["postcode"]:
            stale += 1
    assert stale > 0
