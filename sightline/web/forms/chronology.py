"""Opening a child's joined chronology: saying why, breaking the glass, and filtering."""

from datetime import UTC, datetime, time
from typing import Any
from uuid import UUID

from django import forms

from sightline.access.data import (
    BREAK_GLASS_DURATION,
    BREAK_GLASS_REASON_LABELS,
    LAWFUL_BASIS_LABELS,
    PURPOSE_LABELS,
    SHARING_OUTCOME_LABELS,
)
from sightline.chronology.data import Filters
from sightline.records.data import KIND_LABELS
from sightline.web.forms.base import DateField, GovukForm

_HOURS = int(BREAK_GLASS_DURATION.total_seconds() // 3600)


class PurposeForm(GovukForm):
    purpose = forms.ChoiceField(
        label="Why are you opening this child's joined chronology?",
        choices=list(PURPOSE_LABELS.items()),
        widget=forms.RadioSelect,
        error_messages={"required": "Select why you are opening the chronology"},
    )
    detail = forms.CharField(
        label="Anything to add (optional)",
        help_text="For example, the referral or meeting this is for.",
        required=False,
        max_length=500,
        error_messages={"max_length": "Keep it to 500 characters or fewer"},
    )


class BreakGlassForm(GovukForm):
    reason = forms.ChoiceField(
        label="Why do you need to see this child's information now?",
        choices=list(BREAK_GLASS_REASON_LABELS.items()),
        widget=forms.RadioSelect,
        error_messages={"required": "Select why you need access now"},
    )
    explanation = forms.CharField(
        label="What has happened, and why can it not wait?",
        help_text=f"Access lasts {_HOURS} hours. Your information governance lead and every agency"
        " whose records you open are told at once, and will read what you write here.",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": "Say what has happened and why it cannot wait",
            "max_length": "Keep it to 2,000 characters or fewer",
        },
    )


class FilterForm(GovukForm):
    """Read from the page's address (GET), so a filtered chronology can be shared as a link."""

    household = forms.BooleanField(
        label="Everything recorded about the adults the child lives with",
        required=False,
        help_text="Otherwise only their incidents, concerns, referrals and household changes.",
    )
    agency = forms.UUIDField(label="Agency", required=False)
    kind = forms.ChoiceField(
        label="Kind of event",
        required=False,
        choices=[("", "Any kind"), *((k.value, label) for k, label in KIND_LABELS.items())],
    )
    since = DateField(label="From", noun="the first date", required=False)
    until = DateField(label="To", noun="the last date", required=False)
    as_of = DateField(
        label="As Sightline knew it at the end of",
        noun="the date",
        required=False,
        help_text="Shows the chronology as it stood then: the records linked then, and each"
        " entry as it was written then.",
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and until < since:
            self.add_error("until", "The last date must be the same as or after the first date")
        return cleaned

    def filters(self) -> Filters:
        """The filters asked for; none when the form has errors (the page says what is wrong)."""
        if not self.is_bound or not self.is_valid():
            return Filters()
        data = self.cleaned_data
        agency: UUID | None = data.get("agency")
        as_of = data.get("as_of")
        return Filters(
            agency_ids=frozenset({agency}) if agency else frozenset(),
            kinds=frozenset({data["kind"]}) if data.get("kind") else frozenset(),
            since=data.get("since"),
            until=data.get("until"),
            as_of=datetime.combine(as_of, time.max, tzinfo=UTC) if as_of else None,
            household=bool(data.get("household")),
        )


class SharingForm(GovukForm):
    outcome = forms.ChoiceField(
        label="What did you decide?",
        choices=list(SHARING_OUTCOME_LABELS.items()),
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether you shared or decided not to"},
    )
    recipients = forms.TypedMultipleChoiceField(
        label="Which agencies?",
        help_text="The agencies you shared with, or decided not to share with.",
        coerce=UUID,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one agency"},
    )
    lawful_basis = forms.ChoiceField(
        label="Lawful basis",
        choices=list(LAWFUL_BASIS_LABELS.items()),
        widget=forms.RadioSelect,
        error_messages={"required": "Select the lawful basis"},
    )
    purpose = forms.CharField(
        label="What is sharing for?",
        max_length=500,
        error_messages={
            "required": "Say what sharing is (or would be) for",
            "max_length": "Keep it to 500 characters or fewer",
        },
    )
    information = forms.CharField(
        label="What information (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    reason = forms.CharField(
        label="If you decided not to share, why?",
        help_text="Needed for a decision not to share. It is kept with the decision.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, agencies: list[tuple[UUID, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["recipients"]
        assert isinstance(field, forms.TypedMultipleChoiceField)
        field.choices = [(str(agency_id), name) for agency_id, name in agencies]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("outcome") == "not_shared" and not cleaned.get("reason", "").strip():
            self.add_error("reason", "Say why you decided not to share")
        return cleaned
