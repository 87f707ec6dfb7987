"""A practitioner's decision on a pair of records: the same person or not, and why."""

from django import forms

from sightline.core.exceptions import DomainError, InvalidInput
from sightline.identity.data import Verdict
from sightline.web.forms.base import GovukForm

REASON_LENGTH = 1000


class LinkDecisionForm(GovukForm):
    verdict = forms.ChoiceField(
        label="Are these records about the same person?",
        choices=[
            (Verdict.CONFIRMED.value, "Yes, they are the same person"),
            (Verdict.REJECTED.value, "No, they are different people"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether these records are about the same person"},
    )
    reason = forms.CharField(
        label="Why?",
        help_text="Your reason is kept with the decision, and shown to anyone who reviews these "
        "records later. A decision holds for every later linkage run until someone changes it.",
        max_length=REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Enter the reason for your decision",
            "max_length": f"The reason must be {REASON_LENGTH} characters or fewer",
        },
    )

    def show(self, error: DomainError) -> None:
        """Put a refused decision's problems on the fields they are about."""
        if isinstance(error, InvalidInput):
            self.add_problems((p.field, p.message) for p in error.problems)
        else:
            self.add_error(None, str(error))
