"""Regenerate the parts of docs/import-format.md that come from the shared schema, and the CSV
example from the JSON Lines one, so the documentation cannot drift from the validators.

    .venv/bin/python scripts/import_format_docs.py          # rewrite them
    .venv/bin/python scripts/import_format_docs.py --check  # exit 1 if they are out of date
"""

import csv
import io
import json
import os
import sys
import types
import typing
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Any
from uuid import UUID

import django
from pydantic import BaseModel
from pydantic.fields import FieldInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
django.setup()  # the CSV layout lives beside the import service, which loads the models

from sightline.records.schema import body_map, codes  # noqa: E402
from sightline.records.schema.catalogue import KIND_LABELS  # noqa: E402
from sightline.records.schema.coded import CodedAnswer  # noqa: E402
from sightline.records.schema.details import DETAILS_MODELS, BodyMark  # noqa: E402
from sightline.records.schema.events import EventIn, SubjectIn  # noqa: E402
from sightline.records.schema.persons import (  # noqa: E402
    AddressIn,
    IdentifierIn,
    OtherName,
    PersonIn,
)
from sightline.records.schema.relationships import (  # noqa: E402
    DETAILS_BY_KIND,
    RelationshipIn,
    RelationshipKind,
)
from sightline.records.services.imports.csv_layout import flatten  # noqa: E402

DOC = ROOT / "docs" / "import-format.md"
JSONL_EXAMPLE = ROOT / "docs" / "examples" / "case-review.jsonl"
CSV_EXAMPLE = ROOT / "docs" / "examples" / "case-review.csv"
START, END = "<!-- generated:start -->", "<!-- generated:end -->"

# What the types alone cannot say: fields checked against code lists, and files' own rules.
NOTES = {
    "source_reference": "**required in a file**: your system's own id for the record",
    "date_of_birth": "or a month, `YYYY-MM`, or a year, `YYYY`",
    "occurred_at": "or a day, month or year (see Times)",
    "agencies_present": "agency names or codes, as written",
    "local_authority_code": "the three-digit DfE local authority code",
    "recorded_person_id": "Sightline's own id for the person (the API's way; files use `person`)",
    "child_seen": "`yes`, `not_applicable`, or `no:<reason>` (reasons below)",
    "child_seen_alone": "`yes`, `not_applicable`, or `no:<reason>` (reasons below)",
    "child_voice": "`yes`, `not_applicable`, or `no:<reason>` (reasons below)",
    "interpreter": "`yes:<who>`, `no:<reason>` or `not_applicable` (codes below)",
    "cin_factors": "CIN assessment factor codes (below)",
    "region": "body map region code (below)",
    "mark_type": "mark type code (below)",
    "referral_source": "CIN referral source code (below)",
    "primary_need_code": "CIN primary need code (below)",
    "reason_for_closure": "CIN reason for closure code (below)",
    "category_of_abuse": "CIN category of abuse code (below)",
    "ethnicity": "DfE ethnicity code (below)",
    "disabilities": "DfE disability codes (below)",
    "upn_unknown_reason": "UPN-unknown code: "
    + ", ".join(f"`{c}`" for c in sorted(codes.CIN_UPN_UNKNOWN)),
    "counterpart_agency": "an agency code",
    "worker": "a Sightline username",
    "person": "your own source reference for the person",
    "counterpart_person": "your own source reference for the other person",
    "identifiers": "object of scheme → value, e.g. `{\"nhs_number\": \"…\"}`, "
    "or a list of identifier objects",
    "details": "object: the fields for the record's kind (tables below)",
    "subjects": "list of subjects: in CSV one cell, `reference:role;reference:role`",
}  # fmt: skip


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    optional = False
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = typing.get_args(annotation)
            optional = optional or type(None) in args
            others = [a for a in args if a is not type(None)]
            if len(others) != 1:
                return annotation, optional
            annotation = others[0]
        else:
            return annotation, optional


def _type(annotation: Any) -> str:
    annotation, _ = _unwrap(annotation)
    origin = typing.get_origin(annotation)
    if origin is typing.Literal:
        return "one of " + ", ".join(f"`{v}`" for v in typing.get_args(annotation))
    if origin is list:
        return "list of " + _type(typing.get_args(annotation)[0]).replace("one of", "each one of")
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return "one of " + ", ".join(f"`{m.value}`" for m in annotation)
    if annotation is CodedAnswer:
        return "coded answer"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"object ({annotation.__name__})"
    return {
        bool: "`true` or `false`",
        int: "whole number",
        float: "number",
        str: "text",
        date: "date, `YYYY-MM-DD`",
        UUID: "id",
        datetime: "date and time, `YYYY-MM-DDTHH:MM` (UK time unless an offset is given)",
    }.get(annotation, str(annotation))


LIMITS = (
    ("max_length", "at most {} long"),
    ("min_length", "at least {} long"),
    ("ge", "≥ {}"),
    ("gt", "> {}"),
    ("le", "≤ {}"),
    ("lt", "< {}"),
)


def _limits(field: FieldInfo) -> str:
    words = []
    for rule in field.metadata:
        for name, text in LIMITS:
            value = getattr(rule, name, None)
            if value is not None and not (name == "min_length" and value == 1):
                words.append(text.format(value))
    return "; ".join(words)


def _default(field: FieldInfo) -> str:
    if field.is_required():
        return "**required**"
    default = field.get_default(call_default_factory=True)
    if default in ("", None, [], {}):
        return "optional"
    if isinstance(default, Enum):
        default = default.value
    return f"optional (default `{json.dumps(default)}`)"


def field_table(model: type[BaseModel], prefix: str = "") -> str:
    rows = ["| Field (CSV column) | Type | Required | Notes |", "|---|---|---|---|"]
    for name, field in model.model_fields.items():
        notes = "; ".join(n for n in (NOTES.get(name, ""), _limits(field)) if n)
        rows.append(
            f"| `{prefix}{name}` | {_type(field.annotation)} | {_default(field)} | {notes} |"
        )
    return "\n".join(rows)


def _code_table(title: str, table: dict[str, str] | frozenset[str]) -> str:
    if isinstance(table, frozenset):
        return f"**{title}:** " + ", ".join(f"`{c}`" for c in sorted(table))
    return f"**{title}:** " + "; ".join(f"`{c}` {label}" for c, label in table.items())


def generated_markdown() -> str:
    parts = ["### Person fields", "", field_table(PersonIn)]
    for model, prefix in ((OtherName, "other_names.N."), (AddressIn, "addresses.N."),
                          (IdentifierIn, "identifiers.N.")):  # fmt: skip
        parts += ["", f"#### {model.__name__} (in `{prefix[:-3]}`)", "", field_table(model, prefix)]
    parts += ["", "### Relationship fields", "", field_table(RelationshipIn)]
    for kind in RelationshipKind:
        details = DETAILS_BY_KIND.get(kind)
        text = field_table(details, "details.") if details else "No details."
        parts += ["", f"#### Details of a `{kind.value}`", "", text]
    parts += ["", "### Event fields", "", field_table(EventIn)]
    parts += ["", "#### A subject (in `subjects`)", "", field_table(SubjectIn, "subjects.N.")]
    for kind, model in DETAILS_MODELS.items():
        parts += ["", f"#### Details of a `{kind.value}` ({KIND_LABELS[kind]})", ""]
        parts.append(field_table(model, "details.") if model.model_fields else "No details.")
    parts += ["", "#### A body map mark (in `details.marks` of an injury)", ""]
    parts.append(field_table(BodyMark, "details.marks.N."))
    parts += ["", "### Codes", ""]
    coded = (("Child not seen (`child_seen`: `no:<reason>`)", codes.NOT_SEEN_REASONS),
             ("Child not seen alone (`child_seen_alone`)", codes.NOT_SEEN_ALONE_REASONS),
             ("Child's voice not heard (`child_voice`)", codes.NO_VOICE_REASONS),
             ("Who interpreted (`interpreter`: `yes:<who>`)", codes.INTERPRETER_USED),
             ("Interpreter needed, not used (`interpreter`: `no:<reason>`)",
              codes.INTERPRETER_NOT_USED),
             ("CIN assessment factors (`cin_factors`)", codes.CIN_ASSESSMENT_FACTORS),
             ("CIN referral sources", codes.CIN_REFERRAL_SOURCES),
             ("CIN primary need", codes.CIN_PRIMARY_NEED),
             ("CIN reasons for closure", codes.CIN_REASONS_FOR_CLOSURE),
             ("CIN categories of abuse", codes.CIN_CATEGORY_OF_ABUSE),
             ("DfE ethnicity", codes.CIN_ETHNICITY),
             ("DfE disability", codes.CIN_DISABILITY),
             ("Mark types", body_map.MARK_TYPES),
             ("Body map regions (`F-` front, `B-` back; `-L`/`-R` the child's own left and right)",
              {r.code: r.label for r in body_map.REGIONS}))  # fmt: skip
    for title, table in coded:
        parts += [_code_table(title, table), ""]
    return "\n".join(parts).rstrip() + "\n"


def csv_example() -> str:
    records = [json.loads(line) for line in JSONL_EXAMPLE.read_text().splitlines() if line]
    rows = [flatten(record) for record in records]
    first = ["record_type", "agency", "source_reference", "kind"]
    columns = list(dict.fromkeys(first + [c for row in rows for c in row]))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def document() -> str:
    text = DOC.read_text()
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    return f"{head}{START}\n{generated_markdown()}{END}{tail}"


def main() -> int:
    wanted = {DOC: document(), CSV_EXAMPLE: csv_example()}
    stale = [path for path, text in wanted.items() if not path.exists() or path.read_text() != text]
    if "--check" in sys.argv:
        for path in stale:
            sys.stdout.write(f"{path.relative_to(ROOT)} is out of date: run this script\n")
        return 1 if stale else 0
    for path in stale:
        path.write_text(wanted[path])
        sys.stdout.write(f"wrote {path.relative_to(ROOT)}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
