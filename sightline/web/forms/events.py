"""Recording an event: choosing its kind, then the fields every event shares.

The kind's own details come from forms.details; an injury adds forms.body_map. EventEntry
(forms.event_entry) puts them together into the schema's EventIn input.
"""

import re
import uuid
from typing import Any

from django import forms

from sightline.records.data import EventVersionView, PersonSummary
from sightline.records.schema.catalogue import KIND_LABELS, EventKind
from sightline.records.schema.codes import (
    CIN_ASSESSMENT_FACTORS,
    INTERPRETER_NOT_USED,
    INTERPRETER_USED,
    NO_VOICE_REASONS,
    NOT_SEEN_ALONE_REASONS,
    NOT_SEEN_REASONS,
)
from sightline.records.schema.events import Sensitivity, SubjectRole
from sightline.web import wording
from sightline.web.forms.base import DateField, GovukForm

SUBMISSION_KEY = re.compile(r"^form:[0-9a-f-]{36}$")
OTHER_PEOPLE = 2
SUBJECT_ROLES = [(role.value, wording.words(role.value)) for role in SubjectRole]
SENSITIVITY_HINTS = {
    "standard": "Shared as your agency's agreements allow.",
    "sensitive": "For example, sexual health. Stays with your agency unless released.",
    "restricted": "Only people in your agency with a need to know.",
}


class EventKindForm(GovukForm):
    kind = forms.ChoiceField(
        label="What do you want to record?",
        choices=[(kind.value, KIND_LABELS[kind]) for kind in EventKind],
        widget=forms.RadioSelect,
        error_messages={"required": "Select what you want to record"},
    )


def _reason(label: str, reasons: dict[str, str]) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, choices=[("", "Choose a reason"), *reasons.items()], required=False
    )


def _answer(label: str, yes: str, no: str, *, missing: str, hint: str = "") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        help_text=hint,
        choices=[("yes", yes), ("no", no), ("not_applicable", "Not applicable")],
        widget=forms.RadioSelect,
        error_messages={"required": missing},
    )


def _other_person_fields(number: int) -> dict[str, forms.Field]:
    return {
        f"other_{number}_reference": forms.CharField(
            label=f"Another person involved ({number}): their reference (optional)",
            help_text="Their reference in your agency's records, shown on their person page.",
            required=False,
            max_length=100,
            widget=forms.TextInput(attrs={"class": "govuk-input--width-20"}),
        ),
        f"other_{number}_role": forms.ChoiceField(
            label=f"Another person involved ({number}): how are they involved?",
            choices=[("", "Choose how they are involved"), *SUBJECT_ROLES],
            required=False,
        ),
    }


class EventCommonForm(GovukForm):
    """When, what, who, and the child-centred questions every event answers."""

    reveals = {
        "child_seen": {"no": ("child_seen_reason",)},
        "child_seen_alone": {"no": ("child_seen_alone_reason",)},
        "child_voice": {"yes": ("child_words",), "no": ("child_voice_reason",)},
        "interpreter": {"yes": ("interpreter_who",), "no": ("interpreter_why_not",)},
    }
    _required_reveals = {
        ("child_seen", "no"): ("child_seen_reason", "Select why the child was not seen"),
        ("child_seen_alone", "no"): (
            "child_seen_alone_reason",
            "Select why the child was not seen alone",
        ),
        ("child_voice", "yes"): ("child_words", "Enter what the child said, in their words"),
        ("child_voice", "no"): ("child_voice_reason", "Select why the child's words are missing"),
        ("interpreter", "yes"): ("interpreter_who", "Select who interpreted"),
        ("interpreter", "no"): ("interpreter_why_not", "Select why no interpreter was used"),
    }

    submission_key = forms.CharField(widget=forms.HiddenInput, required=False)
    occurred = DateField(
        partial=True,
        noun="the date it happened",
        label="When did it happen?",
        help_text="For example, 27 3 2024. If you only know the month or year, leave out the day,"
        " or the day and month.",
    )
    occurred_time = forms.CharField(
        label="Time (optional)",
        help_text="Use the 24-hour clock, for example 14:30.",
        required=False,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
    )
    approximate = forms.BooleanField(label="The date is an estimate", required=False)
    summary = forms.CharField(
        label="What happened?",
        help_text="A short factual account. Say what you saw and heard.",
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter what happened"},
    )
    person_role = forms.ChoiceField(
        label="How is this person involved?",
        choices=SUBJECT_ROLES,
        widget=forms.RadioSelect,
        initial=SubjectRole.CHILD.value,
    )
    keep_subjects = forms.MultipleChoiceField(
        label="People this event is about",
        help_text="Untick anyone who should not be on the event.",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    child_seen = _answer(
        "Was the child seen?", "Yes", "No", missing="Select whether the child was seen"
    )
    child_seen_reason = _reason("Why was the child not seen?", NOT_SEEN_REASONS)
    child_seen_alone = _answer(
        "Was the child seen alone?", "Yes", "No", missing="Select whether the child was seen alone"
    )
    child_seen_alone_reason = _reason("Why was the child not seen alone?", NOT_SEEN_ALONE_REASONS)
    child_voice = _answer(
        "What did the child say?",
        "The child said something: record it in their words",
        "The child's words are not recorded",
        missing="Select whether the child's words are recorded",
        hint="Record the child's own words wherever you can.",
    )
    child_words = forms.CharField(
        label="The child's words",
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    child_voice_reason = _reason("Why are the child's words not recorded?", NO_VOICE_REASONS)
    interpreter = _answer(
        "Was an interpreter used?",
        "Yes",
        "No, although one was needed",
        missing="Select whether an interpreter was used",
        hint="Choose not applicable if no one needed an interpreter.",
    )
    interpreter_who = _reason("Who interpreted?", INTERPRETER_USED)
    interpreter_why_not = _reason("Why was no interpreter used?", INTERPRETER_NOT_USED)
    cin_factors = forms.MultipleChoiceField(
        label="Factors identified at assessment",
        help_text="The Children in Need census codes. Only for a completed assessment.",
        choices=[(code, f"{code}: {label}") for code, label in CIN_ASSESSMENT_FACTORS.items()],
        widget=forms.CheckboxSelectMultiple(attrs={"class": "govuk-checkboxes--small"}),
        required=False,
    )
    sensitivity = forms.ChoiceField(
        label="How sensitive is this?",
        choices=[(s.value, wording.words(s.value)) for s in Sensitivity],
        widget=forms.RadioSelect,
        initial=Sensitivity.STANDARD.value,
    )

    def __init__(
        self,
        *args: Any,
        kind: EventKind,
        person: PersonSummary | None = None,
        existing: EventVersionView | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.fields["interpreter_who"].help_text = (
            "A family member, another adult or the child interpreting is flagged wherever this "
            "event is shown."
        )
        self.fields["sensitivity"].option_hints = SENSITIVITY_HINTS  # type: ignore[attr-defined]
        for number in range(1, OTHER_PEOPLE + 1):
            self.fields.update(_other_person_fields(number))
        if kind is not EventKind.ASSESSMENT:
            del self.fields["cin_factors"]
        if existing is None:
            # A new event is about the person it was started from, in a role the user picks.
            del self.fields["keep_subjects"]
            name = person.full_name if person else "this person"
            self.fields["person_role"].label = f"How is {name} involved?"
            self.fields["submission_key"].initial = f"form:{uuid.uuid4()}"
        else:
            # An amendment keeps, or drops, the people already on the event.
            del self.fields["person_role"]
            keep = self.fields["keep_subjects"]
            assert isinstance(keep, forms.MultipleChoiceField)
            keep.choices = [
                (f"{s.recorded_person_id}|{s.role}", f"{s.name} ({wording.words(s.role)})")
                for s in existing.subjects
            ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for (question, answer), (field, message) in self._required_reveals.items():
            if cleaned.get(question) == answer and not cleaned.get(field):
                self.add_error(field, message)
        time = cleaned.get("occurred_time", "").strip()
        if time:
            match = re.fullmatch(r"(\d{1,2})[:.](\d{2})", time)
            if not match or int(match[1]) > 23 or int(match[2]) > 59:
                self.add_error("occurred_time", "Enter the time like 14:30")
            elif len(cleaned.get("occurred") or "") != 10:
                self.add_error("occurred_time", "A time needs the full date: day, month and year")
            else:
                cleaned["occurred_time"] = f"{int(match[1]):02d}:{match[2]}"
        key = cleaned.get("submission_key", "")
        if key and not SUBMISSION_KEY.fullmatch(key):
            raise forms.ValidationError(
                "This form has expired. Start again from the person's page."
            )
        for number in range(1, OTHER_PEOPLE + 1):
            if cleaned.get(f"other_{number}_reference") and not cleaned.get(f"other_{number}_role"):
                self.add_error(f"other_{number}_role", "Select how they are involved")
        return cleaned
