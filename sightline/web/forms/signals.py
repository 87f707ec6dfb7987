"""Responding to a risk signal."""

from typing import Any

from django import forms

from sightline.web.forms.base import GovukForm

RESPONSES = {
    "acknowledged": "I have seen it and am looking into it",
    "actioned": "Something has been done: say what",
    "dismissed": "It needs no action: say why",
}


class SignalResponseForm(GovukForm):
    status = forms.ChoiceField(
        label="Your response",
        choices=[],
        widget=forms.RadioSelect,
        error_messages={"required": "Select your response"},
    )
    reason = forms.CharField(
        label="What was done, or why it needs no action",
        help_text="Required when you say something was done or that it needs no action.",
        required=False,
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": "Keep it to 5,000 characters or fewer"},
    )

    def __init__(self, *args: Any, allowed: frozenset[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["status"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(value, label) for value, label in RESPONSES.items() if value in allowed]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("status") in ("actioned", "dismissed") and not data.get("reason", "").strip():
            words = "what was done" if data["status"] == "actioned" else "why it needs no action"
            self.add_error("reason", f"Say {words}")
        return data
