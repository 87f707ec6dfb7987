"""The CSV layout: each record of the import format flattened into one spreadsheet row.

- `record_type` and `agency` are columns, as they are keys in JSON Lines.
- A dotted column name reaches into a nested field: `details.risk_level`,
  `identifiers.nhs_number`, `addresses.0.postcode` (lists are numbered from 0),
  `details.marks.1.region`.
- A list of plain values is one cell, its items separated by `;`: `cin_factors`,
  `details.categories`.
- `subjects` is one cell of `reference:role` pairs: `P-1:child_subject;P-2:parent_or_carer`.
- A structured field may instead be given whole, as JSON, in one cell: `details`,
  `addresses`, `details.marks`.
- An empty cell means "not given", so one file can hold every record type side by side.

Which cells are lists is read from the shared schema itself, so the layout cannot drift from
the validators: the CSV row becomes exactly the dictionary a JSON Lines line would be.
"""

import json
import types
import typing
from collections.abc import Mapping
from enum import Enum
from typing import Any

from pydantic import BaseModel

from sightline.records.schema.catalogue import EventKind
from sightline.records.schema.details import DETAILS_MODELS
from sightline.records.schema.events import EventIn
from sightline.records.schema.persons import PersonIn
from sightline.records.schema.relationships import DETAILS_BY_KIND, NoDetails, RelationshipIn
from sightline.records.schema.relationships import RelationshipKind as RelKind

LIST_SEPARATOR = ";"
SUBJECT_SEPARATOR = ":"
MODELS: dict[str, type[BaseModel]] = {
    "person": PersonIn,
    "relationship": RelationshipIn,
    "event": EventIn,
}

_EVENT_KINDS = frozenset(kind.value for kind in EventKind)
_RELATIONSHIP_KINDS = frozenset(kind.value for kind in RelKind)

Problems = list[tuple[str, str]]  # (column, message)


class Shape(Enum):
    SCALAR = "scalar"
    SCALAR_LIST = "scalar list"  # one cell, `;`-separated
    MODEL_LIST = "model list"  # numbered columns, or JSON
    MODEL = "model"  # dotted columns, or JSON


class _Branch(dict[str | int, Any]):
    """A dictionary built from dotted columns, as opposed to one given whole as JSON."""


def _unwrap(annotation: Any) -> Any:
    """Strip Annotated[...] and `| None` down to the type that decides the cell's shape."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            others = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(others) != 1:
                return annotation
            annotation = others[0]
        else:
            return annotation


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def shape_of(annotation: Any) -> tuple[Shape, type[BaseModel] | None]:
    annotation = _unwrap(annotation)
    if typing.get_origin(annotation) is list:
        item = _unwrap(typing.get_args(annotation)[0])
        return (Shape.MODEL_LIST, item) if _is_model(item) else (Shape.SCALAR_LIST, None)
    if _is_model(annotation):
        return Shape.MODEL, annotation
    return Shape.SCALAR, None


def details_model(record_type: str, kind: str) -> type[BaseModel] | None:
    """The details model a row's kind calls for; None while the kind is unknown."""
    if record_type == "event" and kind in _EVENT_KINDS:
        return DETAILS_MODELS[EventKind(kind)]
    if record_type == "relationship" and kind in _RELATIONSHIP_KINDS:
        return DETAILS_BY_KIND.get(RelKind(kind), NoDetails)
    return None


def target_shape(record_type: str, kind: str, parts: list[str]) -> Shape:
    """The shape of the field a dotted column names; unknown fields are scalars (pydantic
    then reports them as fields the record does not have)."""
    model: type[BaseModel] | None = MODELS.get(record_type)
    shape = Shape.MODEL
    for depth, part in enumerate(parts):
        if part.isdigit():
            shape = Shape.MODEL if shape is Shape.MODEL_LIST else Shape.SCALAR
            continue
        field = model.model_fields.get(part) if model else None
        if field is None:
            return Shape.SCALAR
        shape, model = shape_of(field.annotation)
        if depth == 0 and part == "details":
            model = details_model(record_type, kind)
    return shape


def _subjects(cell: str) -> list[dict[str, str]]:
    subjects = []
    for pair in cell.split(LIST_SEPARATOR):
        if pair.strip():
            reference, _, role = pair.rpartition(SUBJECT_SEPARATOR)
            if not reference:  # no role given: let the validator say that a role is needed
                reference, role = role, ""
            subjects.append({"person": reference.strip(), "role": role.strip()})
    return subjects


def cell_value(shape: Shape, parts: list[str], cell: str) -> Any:
    """What a non-empty cell means for a field of this shape; raises ValueError for bad JSON."""
    text = cell.strip()
    if shape is not Shape.SCALAR and text[:1] in ("{", "["):
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            raise ValueError(f"not valid JSON ({error.msg} at character {error.pos})") from None
    if parts == ["subjects"]:
        return _subjects(text)
    if shape is Shape.SCALAR_LIST:
        return [item.strip() for item in text.split(LIST_SEPARATOR) if item.strip()]
    return cell  # a scalar, or a compact form the model reads itself (e.g. "no:parent_refused")


def _place(tree: _Branch, parts: list[str], value: Any) -> str | None:
    """Put one cell's value into the record; a message when the column clashes with another."""
    node = tree
    for part in parts[:-1]:
        key: str | int = int(part) if part.isdigit() else part
        child = node.setdefault(key, _Branch())
        if not isinstance(child, _Branch):
            return "given both whole (as JSON) and in separate columns"
        node = child
    last: str | int = int(parts[-1]) if parts[-1].isdigit() else parts[-1]
    if last in node:
        return "given both whole (as JSON) and in separate columns"
    node[last] = value
    return None


def _finish(node: Any, path: str, problems: Problems) -> Any:
    """Numbered columns become lists, in number order; everything else stays a dictionary."""
    if not isinstance(node, _Branch):
        return node
    keys = list(node)
    finished = {k: _finish(v, f"{path}.{k}" if path else str(k), problems) for k, v in node.items()}
    if keys and all(isinstance(k, int) for k in keys):
        return [finished[k] for k in sorted(keys)]
    if any(isinstance(k, int) for k in keys):
        problems.append((path, "mixes numbered columns with named ones"))
    return {str(k): v for k, v in finished.items()}


def unflatten(cells: Mapping[str, str | None]) -> tuple[dict[str, Any], Problems]:
    """One CSV row (column → cell) as the record a JSON Lines line would hold."""
    problems: Problems = []
    given = {column: cell for column, cell in cells.items() if cell and cell.strip()}
    record_type = (given.get("record_type") or "").strip()
    kind = (given.get("kind") or "").strip()
    tree = _Branch()
    # Shallow columns first, so a JSON cell is in place before a deeper column clashes with it.
    for column in sorted(given, key=lambda c: c.count(".")):
        cell = given[column]
        assert cell is not None
        parts = column.split(".")
        if column in ("record_type", "agency"):
            tree[column] = cell.strip()
            continue
        try:
            value = cell_value(target_shape(record_type, kind, parts), parts, cell)
        except ValueError as error:
            problems.append((column, str(error)))
            continue
        clash = _place(tree, parts, value)
        if clash:
            problems.append((column, clash))
    return _finish(tree, "", problems), problems


def _flat_cells(prefix: str, value: Any, out: dict[str, str]) -> None:
    if isinstance(value, Mapping):
        for key, item in value.items():
            _flat_cells(f"{prefix}.{key}" if prefix else str(key), item, out)
    elif isinstance(value, list) and any(isinstance(item, Mapping) for item in value):
        for index, item in enumerate(value):
            _flat_cells(f"{prefix}.{index}", item, out)
    elif isinstance(value, list):
        out[prefix] = LIST_SEPARATOR.join(str(item) for item in value)
    elif isinstance(value, bool):
        out[prefix] = "true" if value else "false"
    elif value is not None:
        out[prefix] = str(value)


def flatten(record: Mapping[str, Any]) -> dict[str, str]:
    """The inverse of unflatten: a JSON Lines record as CSV cells (examples and benchmarks)."""
    out: dict[str, str] = {}
    for key, value in record.items():
        if key == "subjects":
            out[key] = LIST_SEPARATOR.join(
                f"{s['person']}{SUBJECT_SEPARATOR}{s['role']}" for s in value
            )
        else:
            _flat_cells(key, value, out)
    return out
