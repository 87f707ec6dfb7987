"""Reading an import file into its rows, each with the number a person would use to find it:
the line in JSON Lines, the spreadsheet row in CSV (the header is row 1)."""

import csv
import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sightline.core.exceptions import FieldProblem, InvalidInput, NotFound
from sightline.records.services.imports.problems import ProblemList

FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}

# One row as read: its number, and its text (a JSON Lines line) or its cells (a CSV row,
# column → cell). Parsing and validation happen later, possibly in another process.
Unit = tuple[int, str | dict[str, str]]


@dataclass(frozen=True)
class Source:
    form: str  # "jsonl" or "csv"
    digest: str  # SHA-256 of the file's bytes, kept in the audit entry that seals the import
    units: list[Unit]


def _file_problem(message: str) -> InvalidInput:
    return InvalidInput([FieldProblem(field="file", message=message)])


def read_source(path: Path, problems: ProblemList) -> Source:
    """The file's rows; problems with the file as a whole are raised, a row's are collected."""
    form = FORMATS.get(path.suffix.lower())
    if form is None:
        raise _file_problem(
            f"{path.name}: Sightline imports .csv, .jsonl and .ndjson files (chosen by extension)"
        )
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise NotFound(f"There is no file {path}.") from None
    except OSError as error:
        raise NotFound(f"Cannot read {path}: {error.strerror}.") from None
    try:
        text = data.decode("utf-8-sig")  # a byte order mark, as spreadsheets write, is fine
    except UnicodeDecodeError as error:
        raise _file_problem(
            f"the file is not UTF-8 text (byte {error.start:,}); save it as UTF-8"
        ) from None
    units = _jsonl_units(text) if form == "jsonl" else _csv_units(text, problems)
    return Source(form, hashlib.sha256(data).hexdigest(), units)


def _jsonl_units(text: str) -> list[Unit]:
    # Split on newlines only: JSON strings may hold other line separators (U+2028) unescaped.
    return [(number, line) for number, line in enumerate(text.split("\n"), start=1) if line.strip()]


def _csv_header(reader: Iterator[list[str]]) -> list[str]:
    header = [column.strip() for column in next(reader, [])]
    if not any(header):
        raise _file_problem("the file has no header row naming its columns")
    repeated = sorted({c for c in header if c and header.count(c) > 1})
    if repeated:
        raise _file_problem(f"the header names these columns twice: {', '.join(repeated)}")
    if "record_type" not in header:
        raise _file_problem("the header has no record_type column")
    return header


def _csv_units(text: str, problems: ProblemList) -> list[Unit]:
    reader = csv.reader(io.StringIO(text, newline=""))
    units: list[Unit] = []
    try:
        header = _csv_header(reader)
        # Spreadsheet numbering: the header is row 1, whatever line breaks cells hold.
        for number, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            if any(cell.strip() for cell in cells[len(header) :]):
                problems.add(number, "record", "the row has more cells than the header has columns")
            named = dict(zip(header, cells, strict=False))
            if named.pop("", "").strip():
                problems.add(number, "record", "a cell is under a column with no name")
            units.append((number, named))
    except csv.Error as error:
        raise _file_problem(
            f"the CSV cannot be read near line {reader.line_num}: {error}"
        ) from None
    return units
