"""One event's forms together: common fields, the kind's details, the body map and, when
amending, the reason. Builds the schema's input and puts the schema's problems back on the
fields they are about."""

from typing import Any
from uuid import UUID

from django import forms
from django.utils import timezone

from sightline.core.exceptions import DomainError, InvalidInput
from sightline.records.data import EventVersionView, PersonSummary
from sightline.records.schema.catalogue import EventKind
from sightline.web.forms.base import GovukForm
from sightline.web.forms.body_map import BodyMapForm
from sightline.web.forms.details import DetailsForm, details_form_class
from sightline.web.forms.events import OTHER_PEOPLE, EventCommonForm

# Schema fields whose form field has another name; the rest share their name.
_COMMON_FIELDS = {"occurred_at": "occurred", "occurred_precision": "occurred"}


class AmendReasonForm(GovukForm):
    reason = forms.CharField(
        label="Why are you amending this?",
        help_text="Everyone who can see this event will see your reason, with your name.",
        max_length=1_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why you are amending this event"},
    )


def _coded(answer: str, code: str, *, coded_answer: str = "no") -> str:
    return f"{answer}:{code}" if answer == coded_answer and code else answer


def _initial_common(version: EventVersionView) -> dict[str, Any]:
    occurred = timezone.localtime(version.occurred_at)
    precision = version.occurred_precision
    cut = {"year": 4, "month": 7}.get(precision, 10)
    return {
        "occurred": occurred.date().isoformat()[:cut],
        "occurred_time": f"{occurred:%H:%M}" if precision == "exact" else "",
        "approximate": precision == "approximate",
        "summary": version.summary,
        "keep_subjects": [f"{s.recorded_person_id}|{s.role}" for s in version.subjects],
        "child_seen": version.child_seen,
        "child_seen_reason": version.child_seen_code,
        "child_seen_alone": version.child_seen_alone,
        "child_seen_alone_reason": version.child_seen_alone_code,
        "child_voice": version.child_voice,
        "child_voice_reason": version.child_voice_code,
        "child_words": version.child_words,
        "interpreter": version.interpreter,
        "interpreter_who": version.interpreter_code if version.interpreter == "yes" else "",
        "interpreter_why_not": version.interpreter_code if version.interpreter == "no" else "",
        "cin_factors": version.cin_factors,
        "sensitivity": version.sensitivity,
    }


class EventEntry:
    def __init__(
        self,
        *,
        kind: EventKind,
        data: Any = None,
        person: PersonSummary | None = None,
        existing: EventVersionView | None = None,
    ) -> None:
        self.kind = kind
        self.person = person
        self.existing = existing
        initial = _initial_common(existing) if existing else {}
        details = existing.details if existing else {}
        self.common = EventCommonForm(
            data, kind=kind, person=person, existing=existing, initial=initial
        )
        details_class = details_form_class(kind)
        self.details: DetailsForm = details_class(
            data, prefix="details", initial=details_class.initial_from(details)
        )
        marks = BodyMapForm.initial_from(details.get("marks", []))
        self.body_map = (
            BodyMapForm(data, prefix="marks", initial=marks) if kind is EventKind.INJURY else None
        )
        self.reason = AmendReasonForm(data) if existing else None
        self._subject_fields: list[str] = []

    @property
    def forms(self) -> list[GovukForm]:
        found = [self.common, self.details, self.body_map, self.reason]
        return [form for form in found if form is not None]

    def is_valid(self) -> bool:
        results = [form.is_valid() for form in self.forms]  # every form, to show every error
        return all(results)

    def error_links(self) -> list[tuple[str, str]]:
        return [link for form in self.forms for link in form.error_links()]

    def raw(self, *, recorded_by: str) -> dict[str, Any]:
        """The event as the shared schema's EventIn expects it."""
        c = self.common.cleaned_data
        details = self.details.details()
        if self.body_map is not None:
            details["marks"] = self.body_map.marks()
        raw: dict[str, Any] = {
            "kind": self.kind.value,
            "source_reference": c.get("submission_key", ""),
            "occurred_at": c["occurred"] + (f"T{c['occurred_time']}" if c["occurred_time"] else ""),
            "recorded_by": recorded_by,
            "summary": c["summary"],
            "subjects": self._subjects(c),
            "child_seen": _coded(c["child_seen"], c["child_seen_reason"]),
            "child_seen_alone": _coded(c["child_seen_alone"], c["child_seen_alone_reason"]),
            "child_voice": _coded(c["child_voice"], c["child_voice_reason"]),
            "child_words": c["child_words"] if c["child_voice"] == "yes" else "",
            "interpreter": _coded(c["interpreter"], c["interpreter_who"], coded_answer="yes")
            if c["interpreter"] == "yes"
            else _coded(c["interpreter"], c["interpreter_why_not"]),
            "cin_factors": c.get("cin_factors", []),
            "sensitivity": c["sensitivity"],
            "details": details,
        }
        if c["approximate"]:
            raw["occurred_precision"] = "approximate"
        return raw

    def _subjects(self, c: dict[str, Any]) -> list[dict[str, str]]:
        subjects: list[dict[str, str]] = []
        self._subject_fields = []
        if self.person is not None:
            subjects.append({"recorded_person_id": str(self.person.id), "role": c["person_role"]})
            self._subject_fields.append("person_role")
        for kept in c.get("keep_subjects", []):
            person_id, _, role = kept.partition("|")
            subjects.append({"recorded_person_id": str(UUID(person_id)), "role": role})
            self._subject_fields.append("keep_subjects")
        for number in range(1, OTHER_PEOPLE + 1):
            if reference := c.get(f"other_{number}_reference"):
                subjects.append({"person": reference, "role": c[f"other_{number}_role"]})
                self._subject_fields.append(f"other_{number}_reference")
        return subjects

    def show(self, error: DomainError) -> None:
        """Put a failed save's problems on the fields they are about."""
        if not isinstance(error, InvalidInput):
            self.common.add_error(None, str(error))
            return
        for problem in error.problems:
            form, field = self._place(problem.field.split("."))
            form.add_error(field if field in form.fields else None, problem.message)

    def _place(self, path: list[str]) -> tuple[GovukForm, str | None]:
        head, rest = path[0], path[1:]
        if head == "details" and rest:
            if rest[0] == "marks" and self.body_map is not None:
                index = int(rest[1]) if len(rest) > 1 and rest[1].isdigit() else None
                attribute = rest[2] if len(rest) > 2 else ""
                field = (
                    "regions"
                    if index is None
                    else self.body_map.field_for_problem(index, attribute)
                )
                return self.body_map, field
            return self.details, rest[0] if rest[0] in self.details.fields else None
        if head == "subjects":
            index = int(rest[0]) if rest and rest[0].isdigit() else 0
            fields = self._subject_fields or ["keep_subjects"]
            return self.common, fields[min(index, len(fields) - 1)]
        if head == "reason" and self.reason is not None:
            return self.reason, "reason"
        name = _COMMON_FIELDS.get(head, head)
        return self.common, name if name in self.common.fields else None
