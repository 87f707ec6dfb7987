"""Recording a meeting: choosing its kind, then when, who chaired, who was invited (a row for
each agency: who came, who sent apologies, who did not come, and what each shared) and what
was decided. Rows are plain fields, so the form works without JavaScript; "Add another agency"
posts the form back with one more row."""

import uuid
from collections.abc import Iterable, Sequence
from typing import Any
from uuid import UUID

from django import forms
from django.forms.boundfield import BoundField
from django.http import QueryDict

from sightline.core.exceptions import FieldProblem
from sightline.meetings.data import (
    ATTENDANCE_LABELS,
    CATEGORY_LABELS,
    DECISION_LABELS,
    MEETING_KIND_LABELS,
    PLAN_OUTCOMES,
    AttendeeIn,
    InformationIn,
    MeetingIn,
    MeetingKind,
    RecordingOption,
)
from sightline.web.forms.base import DateField, GovukForm
from sightline.web.forms.events import SUBMISSION_KEY

ROWS = 5  # agencies the form starts with
MAX_ROWS = 40
_ROW_PARTS = ("agency", "name", "role", "attendance", "shared")


class MeetingKindForm(GovukForm):
    kind = forms.ChoiceField(
        label="What kind of meeting was it?",
        choices=list(MEETING_KIND_LABELS.items()),
        widget=forms.RadioSelect,
        error_messages={"required": "Select the kind of meeting"},
    )


def _row_fields(number: int, agencies: Sequence[tuple[UUID, str]]) -> dict[str, forms.Field]:
    return {
        f"attendee_{number}_agency": forms.ChoiceField(
            label="Agency",
            choices=[("", "Choose an agency"), *((str(a), name) for a, name in agencies)],
            required=False,
        ),
        f"attendee_{number}_name": forms.CharField(
            label="Name (optional if they did not come)", required=False, max_length=200
        ),
        f"attendee_{number}_role": forms.CharField(
            label="Role (optional)", required=False, max_length=200
        ),
        f"attendee_{number}_attendance": forms.ChoiceField(
            label="Did they come?",
            choices=list(ATTENDANCE_LABELS.items()),
            widget=forms.RadioSelect(attrs={"class": "govuk-radios--small"}),
            required=False,
        ),
        f"attendee_{number}_shared": forms.CharField(
            label="What did this agency share? (optional)",
            required=False,
            max_length=10_000,
            widget=forms.Textarea(attrs={"rows": 3}),
        ),
    }


class MeetingForm(GovukForm):
    # A conference's outcome that puts the child on a plan asks for the plan's category.
    reveals = {"decision": dict.fromkeys(sorted(PLAN_OUTCOMES), ("category_of_abuse",))}

    submission_key = forms.CharField(widget=forms.HiddenInput, required=False)
    rows = forms.IntegerField(widget=forms.HiddenInput, required=False)
    agency = forms.ChoiceField(
        label="Which agency are you recording it for?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select the agency you are recording it for"},
    )
    held_on = DateField(
        noun="the date of the meeting",
        label="When was the meeting?",
        help_text="For example, 27 3 2024.",
    )
    chair = forms.CharField(
        label="Who chaired it?",
        help_text="Their name and role.",
        max_length=200,
        error_messages={"required": "Enter who chaired the meeting"},
    )
    other_children = forms.MultipleChoiceField(
        label="Was it about any of the child's brothers or sisters too? (optional)",
        help_text="Children living with this child whose records your agency holds.",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    decision = forms.ChoiceField(
        label="What was decided?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select what was decided"},
    )
    category_of_abuse = forms.ChoiceField(
        label="Category of abuse",
        choices=list(CATEGORY_LABELS.items()),
        widget=forms.RadioSelect,
        required=False,
    )
    decisions = forms.CharField(
        label="Decisions and reasons",
        help_text="What the meeting decided, and why. Actions are added after the meeting is "
        "recorded.",
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Enter what the meeting decided, and why"},
    )

    def __init__(
        self,
        *args: Any,
        kind: MeetingKind,
        options: Sequence[RecordingOption],
        agencies: Sequence[tuple[UUID, str]],
        siblings: Sequence[tuple[UUID, str]] = (),
        rows: int = ROWS,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.options = {str(o.agency_id): o for o in options}
        self.row_count = max(1, min(rows, MAX_ROWS))
        self.fields["rows"].initial = self.row_count
        self.fields["submission_key"].initial = f"form:{uuid.uuid4()}"
        # Asked only when the practitioner records for more than one agency holding the child.
        self.only_agency = next(iter(self.options)) if len(self.options) == 1 else ""
        agency = self.fields["agency"]
        assert isinstance(agency, forms.ChoiceField)
        agency.choices = [(key, o.agency_name) for key, o in self.options.items()]
        if self.only_agency:
            del self.fields["agency"]
        self._setup_choices(siblings)
        for number in range(1, self.row_count + 1):
            self.fields.update(_row_fields(number, agencies))

    def _setup_choices(self, siblings: Sequence[tuple[UUID, str]]) -> None:
        if siblings:
            others = self.fields["other_children"]
            assert isinstance(others, forms.MultipleChoiceField)
            others.choices = [(str(record), name) for record, name in siblings]
        else:
            del self.fields["other_children"]
        codes = DECISION_LABELS.get(self.kind)
        if not codes:
            del self.fields["decision"], self.fields["category_of_abuse"]
            return
        decision = self.fields["decision"]
        assert isinstance(decision, forms.ChoiceField)
        decision.choices = list(codes.items())
        if not PLAN_OUTCOMES & set(codes):
            del self.fields["category_of_abuse"]

    def attendee_rows(self) -> list[list[BoundField]]:
        return [
            [self[f"attendee_{number}_{part}"] for part in _ROW_PARTS]
            for number in range(1, self.row_count + 1)
        ]

    def _used_rows(self) -> list[int]:
        data = self.cleaned_data
        return [
            number
            for number in range(1, self.row_count + 1)
            if any(str(data.get(f"attendee_{number}_{part}") or "").strip() for part in _ROW_PARTS)
        ]

    def clean(self) -> dict[str, Any]:
        """Only what the form must read to pass the meeting on: what the meeting needs is for
        meetings.rules to say, through the service (see show)."""
        cleaned = super().clean() or {}
        if cleaned.get("submission_key") and not SUBMISSION_KEY.fullmatch(
            cleaned["submission_key"]
        ):
            raise forms.ValidationError("This form has expired. Start again from the child's page.")
        for number in self._used_rows():
            # A row is about an agency: without one, there is nothing to pass on.
            if not cleaned.get(f"attendee_{number}_agency"):
                self.add_error(f"attendee_{number}_agency", f"Select the agency in row {number}")
        return cleaned

    def meeting(self, child_id: UUID) -> MeetingIn:
        """What was entered, for the service (once the form is valid)."""
        data = self.cleaned_data
        option = self.options[data.get("agency") or self.only_agency]
        used = self._used_rows()
        row = {n: {p: data.get(f"attendee_{n}_{p}") or "" for p in _ROW_PARTS} for n in used}
        decision = data.get("decision") or ""
        # A category answered and then left behind by choosing an outcome without a plan.
        category = data.get("category_of_abuse") or "" if decision in PLAN_OUTCOMES else ""
        return MeetingIn(
            agency_id=option.agency_id,
            kind=self.kind.value,
            held_on=data["held_on"],
            chair=data["chair"],
            child_ids=(child_id, *(UUID(c) for c in data.get("other_children", []))),
            attendees=tuple(
                AttendeeIn(UUID(r["agency"]), r["name"], r["role"], r["attendance"])
                for r in row.values()
            ),
            information=tuple(
                InformationIn(UUID(r["agency"]), r["shared"])
                for r in row.values()
                if r["shared"].strip()
            ),
            decisions=data["decisions"],
            decision=decision,
            category_of_abuse=category,
            submission_key=data.get("submission_key") or "",
        )

    def _placed(self, problem: FieldProblem, used: list[int]) -> tuple[str | None, str]:
        """(the form's field, the message) for one of the service's problems."""
        message = problem.message[:1].upper() + problem.message[1:]
        parts = problem.field.split(".")
        # "attendees.<n>[.<part>]" is the nth agency listed, "information.<n>" the nth that
        # shared something: each is a row of the form.
        rows = {"attendees": used, "information": self._rows_shared(used)}.get(parts[0], [])
        if len(parts) > 1 and parts[1].isdigit() and int(parts[1]) < len(rows):
            number = rows[int(parts[1])]
            part = parts[2] if len(parts) == 3 else "name" if parts[0] == "attendees" else "shared"
            return f"attendee_{number}_{part}", f"{message} in row {number}"
        if problem.field == "attendees":  # no agency came: the first row's "Did they come?"
            return (f"attendee_{used[0]}_attendance" if used else "attendee_1_agency"), message
        return (problem.field if problem.field in self.fields else None), message

    def _rows_shared(self, used: list[int]) -> list[int]:
        data = self.cleaned_data
        return [n for n in used if str(data.get(f"attendee_{n}_shared") or "").strip()]

    def show(self, problems: Iterable[FieldProblem]) -> None:
        """The service's problems (meetings.rules), each on the field it is about, in the order
        of the page, so the error summary reads as the form does."""
        used = self._used_rows()
        order = {name: position for position, name in enumerate(self.fields)}
        placed = [self._placed(problem, used) for problem in problems]
        for field, message in sorted(placed, key=lambda p: order.get(p[0] or "", -1)):
            self.add_error(field if field in self.fields else None, message)


def carried_over(data: QueryDict, form: MeetingForm) -> dict[str, Any]:
    """What was entered in a posted form, as the initial values of a fresh one (with more rows),
    so that "Add another agency" keeps everything without showing errors yet."""
    initial: dict[str, Any] = {}
    for name, field in form.fields.items():
        if isinstance(field, DateField):
            initial[name] = [data.get(f"{name}_{part}", "") for part in ("day", "month", "year")]
        elif isinstance(field, forms.MultipleChoiceField):
            initial[name] = data.getlist(name)
        elif name in data:
            initial[name] = data.get(name)
    initial.pop("rows", None)
    return initial
