"""Unlinking a record from the person it is part of, and splitting a person in two."""

from typing import Any
from uuid import UUID

from django import forms

from sightline.core.exceptions import DomainError, InvalidInput
from sightline.identity.data import JoinedPerson, RecordSide
from sightline.web.dates import partial_date
from sightline.web.forms.base import GovukForm
from sightline.web.forms.links import REASON_LENGTH


def _reason_field(label: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text="Your reason is kept with the decision, and shown to anyone who reviews these "
        "records later. A decision holds for every later linkage run until someone changes it.",
        max_length=REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Enter the reason for your decision",
            "max_length": f"The reason must be {REASON_LENGTH} characters or fewer",
        },
    )


class _DecisionForm(GovukForm):
    def show(self, error: DomainError) -> None:
        """Put a refused decision's problems on the fields they are about."""
        if isinstance(error, InvalidInput):
            self.add_problems((p.field, p.message) for p in error.problems)
        else:
            self.add_error(None, str(error))


class UnlinkForm(_DecisionForm):
    reason = _reason_field("Why is this record not the same person?")


def record_label(side: RecordSide, this_record: bool = False) -> str:
    """A record as a checkbox names it: another agency's record only by who holds it."""
    if not side.visible:
        return f"A record held by {side.agency_name}"
    born = (
        f"born {partial_date(side.date_of_birth, side.date_of_birth_precision)}"
        if side.date_of_birth
        else "date of birth not known"
    )
    label = f"{side.full_name}, {born}, {side.agency_name}"
    return f"{label} (this record)" if this_record else label


class SplitForm(_DecisionForm):
    records = forms.TypedMultipleChoiceField(
        label="Which records should become a new person?",
        help_text="Select all that apply. The records you do not select stay as they are.",
        coerce=UUID,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Select the records that should become a new person",
            "invalid_choice": "Select only records listed on this page",
            "invalid_list": "Select only records listed on this page",
        },
    )
    reason = _reason_field("Why are these records a different person?")

    def __init__(self, *args: Any, joined: JoinedPerson, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["records"]
        assert isinstance(field, forms.TypedMultipleChoiceField)
        field.choices = [
            (str(side.id), record_label(side, this_record=side.id == joined.record.id))
            for side in joined.records
        ]
