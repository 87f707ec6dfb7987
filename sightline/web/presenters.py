"""Events and persons in words: what the pages show for each stored code."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from sightline.core.exceptions import NotFound
from sightline.records.data import EventVersionView, EventView
from sightline.records.schema.body_map import MARK_TYPES, REGIONS_BY_CODE
from sightline.records.schema.catalogue import EventKind
from sightline.records.schema.codes import (
    INTERPRETER_NOT_USED,
    INTERPRETER_USED,
    NO_VOICE_REASONS,
    NOT_SEEN_ALONE_REASONS,
    NOT_SEEN_REASONS,
)
from sightline.records.schema.details import DETAILS_MODELS
from sightline.web import wording
from sightline.web.dates import moment, occurred, partial_date
from sightline.web.forms.body_map import FigureView, marked_figures

Rows = list[tuple[str, str | SafeString]]

IDENTIFIER_NAMES = {
    "nhs_number": "NHS number",
    "upn": "Unique pupil number (UPN)",
    "former_upn": "Former UPN",
    "pnc_id": "Police National Computer ID",
    "la_child_id": "Local authority child ID",
    "police_person_id": "Police person ID",
    "local_id": "Local ID",
}


def identifier_text(scheme: str, value: str) -> str:
    if scheme == "nhs_number" and len(value) == 10:
        return f"{value[:3]} {value[3:6]} {value[6:]}"
    return value


def _list(items: list[str]) -> SafeString:
    if len(items) == 1:
        return format_html("{}", items[0])
    return format_html(
        '<ul class="govuk-list">{}</ul>', format_html_join("", "<li>{}</li>", ((i,) for i in items))
    )


def _answer(answer: str, code: str, reasons: dict[str, str]) -> str:
    if answer == "no":
        return f"No: {reasons.get(code, code)}" if code else "No"
    return wording.words(answer)


def _interpreter(version: EventVersionView) -> str | SafeString:
    if version.interpreter == "yes":
        who = INTERPRETER_USED.get(version.interpreter_code, version.interpreter_code)
        if version.interpreter_flagged:
            return format_html(
                'Yes: {} <strong class="govuk-tag govuk-tag--red">Not a professional '
                "interpreter</strong>",
                who,
            )
        return f"Yes: {who}"
    if version.interpreter == "no":
        why = INTERPRETER_NOT_USED.get(version.interpreter_code, version.interpreter_code)
        return f"Needed but not used: {why}"
    return "Not needed"


def _child_voice(version: EventVersionView) -> str:
    if version.child_voice == "yes":
        return f"“{version.child_words}”"
    if version.child_voice == "no":
        return f"Not recorded: {NO_VOICE_REASONS.get(version.child_voice_code, '')}".rstrip(": ")
    return "Not applicable"


def _detail_value(name: str, value: Any) -> str | SafeString:
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list):
        return _list([_detail_value(name, v) for v in value]) if value else "None"
    if name in wording.CODE_LISTS:
        return wording.code_label(str(value), wording.CODE_LISTS[name])
    if isinstance(value, str) and len(value) == 10 and value[4:5] == "-":
        try:
            return partial_date(date.fromisoformat(value))
        except ValueError:
            return value
    if isinstance(value, str) and value.replace("_", "").isalpha() and value.islower():
        return wording.words(value)
    return str(value)


@dataclass(frozen=True)
class EventPage:
    event: EventView
    version: EventVersionView
    provenance: Rows
    child: Rows
    details: Rows
    marks: list[list[str]]
    figures: list[FigureView]

    @property
    def is_current(self) -> bool:
        return self.version.number == self.event.current.number


def _provenance(event: EventView, version: EventVersionView) -> Rows:
    return [
        ("What", event.kind_label),
        ("Recording agency", event.agency_name),
        ("Recorded by", version.recorded_by or version.author or "Not given"),
        ("When it happened", occurred(version.occurred_at, version.occurred_precision)),
        ("Recorded at source", moment(version.source_recorded_at)),
        ("Received by Sightline", moment(version.received_at)),
        ("Version", f"{version.number} of {len(event.versions)}"),
        ("Sensitivity", wording.words(version.sensitivity)),
        ("Summary", version.summary),
    ]


def _subjects(version: EventVersionView) -> SafeString:
    return _list([
        format_html(
            '<a class="govuk-link" href="{}">{}</a> ({})',
            reverse("web:person-detail", args=[s.recorded_person_id]),
            s.name or "Name not recorded",
            wording.words(s.role),
        )
        for s in version.subjects
    ])  # fmt: skip


def _child(version: EventVersionView) -> Rows:
    rows: Rows = [
        ("People involved", _subjects(version)),
        (
            "Was the child seen?",
            _answer(version.child_seen, version.child_seen_code, NOT_SEEN_REASONS),
        ),
        (
            "Was the child seen alone?",
            _answer(
                version.child_seen_alone, version.child_seen_alone_code, NOT_SEEN_ALONE_REASONS
            ),
        ),
        ("What did the child say?", _child_voice(version)),
        ("Interpreter", _interpreter(version)),
    ]
    if version.cin_factors:
        rows.append(
            ("CIN factors", _list([wording.cin_factor_label(c) for c in version.cin_factors]))
        )
    return rows


def _details(kind: str, details: dict[str, Any]) -> Rows:
    model = DETAILS_MODELS[EventKind(kind)]
    return [
        (wording.field_wording(kind, name)[0], _detail_value(name, details[name]))
        for name in model.model_fields
        if name != "marks" and details.get(name) not in (None, "")
    ]


def _marks(details: dict[str, Any]) -> list[list[str]]:
    return [
        [
            REGIONS_BY_CODE[m["region"]].label if m["region"] in REGIONS_BY_CODE else m["region"],
            MARK_TYPES.get(m.get("mark_type", ""), m.get("mark_type", "")),
            f"{m['size_mm']} mm" if m.get("size_mm") else "Not measured",
            m.get("description") or "None given",
        ]
        for m in details.get("marks", [])
    ]


def event_page(event: EventView, number: int | None = None) -> EventPage:
    """The event as shown: the current version, or an earlier one by its number."""
    version = event.current
    if number is not None:
        found = [v for v in event.versions if v.number == number]
        if not found:
            raise NotFound("There is no such version of this event.")
        version = found[0]
    marks = version.details.get("marks", [])
    return EventPage(
        event=event,
        version=version,
        provenance=_provenance(event, version),
        child=_child(version),
        details=_details(event.kind, version.details),
        marks=_marks(version.details),
        figures=marked_figures(marks) if event.kind == EventKind.INJURY.value else [],
    )
