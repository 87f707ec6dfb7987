"""Setting an action for a child, and completing or cancelling it."""

import uuid
from collections.abc import Iterable, Sequence
from typing import Any
from uuid import UUID

from django import forms

from sightline.agencies.data import Role
from sightline.core.exceptions import FieldProblem
from sightline.meetings.data import ActionIn, OwnerGroup, RecordingOption
from sightline.records.data import EventListItem
from sightline.web.dates import occurred
from sightline.web.forms.base import DateField, GovukForm
from sightline.web.forms.events import SUBMISSION_KEY

# The service's field names, where they differ from the form's.
_FIELDS = {"child_id": "child"}


class ActionForm(GovukForm):
    submission_key = forms.CharField(widget=forms.HiddenInput, required=False)
    agency = forms.ChoiceField(
        label="Which agency is setting it?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select the agency setting the action"},
    )
    child = forms.ChoiceField(
        label="Which child is it for?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select the child the action is for"},
    )
    description = forms.CharField(
        label="What needs to be done?",
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter what needs to be done"},
    )
    what_will_be_different = forms.CharField(
        label="What will be different for the child when it is done?",
        help_text="Say what the child will notice, not what professionals will do: for example, "
        "'has a cooked meal every day and is no longer hungry at school'.",
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter what will be different for the child"},
    )
    owner = forms.ChoiceField(
        label="Who will do it?",
        help_text="They may work for another agency. If it is not done by the due date, their "
        "managers are told.",
        error_messages={"required": "Select who will do it"},
    )
    due_on = DateField(
        noun="the due date", label="When is it due?", help_text="For example, 27 3 2024."
    )

    def __init__(
        self,
        *args: Any,
        owners: Sequence[OwnerGroup],
        children: Sequence[tuple[UUID, str]] = (),
        options: Sequence[RecordingOption] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["submission_key"].initial = f"form:{uuid.uuid4()}"
        self.options = {str(o.agency_id): o for o in options}
        self.fixed: dict[str, str] = {}
        self._choices("agency", [(key, o.agency_name) for key, o in self.options.items()])
        self._choices("child", [(str(c), name or "This child") for c, name in children])
        owner = self.fields["owner"]
        assert isinstance(owner, forms.ChoiceField)
        owner.choices = [("", "Choose who will do it")] + [
            (
                group.agency_name,
                [
                    (f"{m.user_id}:{group.agency_id}", f"{m.name} ({Role(m.role).label})")
                    for m in group.members
                ],
            )
            for group in owners
        ]

    def _choices(self, name: str, choices: list[tuple[str, str]]) -> None:
        """Asked only when there is a choice: a choice of one is made for the user."""
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        if len(choices) > 1:
            field.choices = choices
            return
        del self.fields[name]
        if choices:
            self.fixed[name] = choices[0][0]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        key = cleaned.get("submission_key", "")
        if key and not SUBMISSION_KEY.fullmatch(key):
            raise forms.ValidationError("This form has expired. Start again.")
        return cleaned

    def action(self, *, meeting_id: UUID | None = None) -> ActionIn:
        """What was entered, for the service (once the form is valid): for the chosen one of the
        meeting's children, or for the chosen agency's record of the child."""
        data = self.cleaned_data
        owner, owner_agency = data["owner"].split(":")
        option = self.options.get(data.get("agency") or self.fixed.get("agency", ""))
        child = data.get("child") or self.fixed.get("child")
        if child:
            child_id = UUID(child)
        else:
            assert option is not None  # without children to choose from, an agency is chosen
            child_id = option.child_id
        return ActionIn(
            child_id=child_id,
            description=data["description"],
            owner_id=int(owner),
            owner_agency_id=UUID(owner_agency),
            due_on=data["due_on"],
            what_will_be_different=data["what_will_be_different"],
            meeting_id=meeting_id,
            agency_id=option.agency_id if option else None,
            submission_key=data.get("submission_key") or "",
        )

    def show(self, problems: Iterable[FieldProblem]) -> None:
        for problem in problems:
            field = _FIELDS.get(problem.field, problem.field)
            message = problem.message[:1].upper() + problem.message[1:]
            self.add_error(field if field in self.fields else None, message)


class CompleteForm(GovukForm):
    evidence = forms.CharField(
        label="What was done, and how do you know it made a difference for the child?",
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter what was done, and how you know"},
    )
    evidence_event = forms.ChoiceField(
        label="An event in the child's chronology that shows it (optional)",
        help_text="Events your agency recorded about the child, newest first.",
        required=False,
    )

    def __init__(self, *args: Any, events: Sequence[EventListItem], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["evidence_event"]
        assert isinstance(field, forms.ChoiceField)
        if not events:
            del self.fields["evidence_event"]
            return
        field.choices = [("", "None")] + [
            (
                str(e.id),
                f"{occurred(e.occurred_at, e.occurred_precision)}: {e.kind_label}, "
                f"{e.summary[:80]}{'…' if len(e.summary) > 80 else ''}",
            )
            for e in events
        ]

    def event_id(self) -> UUID | None:
        chosen = self.cleaned_data.get("evidence_event")
        return UUID(chosen) if chosen else None


class CancelForm(GovukForm):
    reason = forms.CharField(
        label="Why is it cancelled?",
        help_text="For example, the family moved away, or another action replaces it.",
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter why the action is cancelled"},
    )
