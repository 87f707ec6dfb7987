"""Starting an assessment, writing it, a manager's decision and a senior manager's review.

The assessment form leaves every question optional, because a draft may be saved half done;
the services say what a submission still needs, and their problems are shown on the fields.
"""

from collections.abc import Iterable
from typing import Any
from uuid import UUID

from django import forms

from sightline.assessments.data import (
    ASSESSMENT_TYPE_LABELS,
    OUTCOME_LABELS,
    AssessmentContent,
    CodedAnswer,
    ConsideredEntry,
    Draft,
    Obligation,
    Rationale,
)
from sightline.core.exceptions import DomainError, InvalidInput
from sightline.records.schema.codes import (
    CIN_ASSESSMENT_FACTORS,
    NO_VOICE_REASONS,
    NOT_SEEN_ALONE_REASONS,
    NOT_SEEN_REASONS,
)
from sightline.web.forms.base import YES_NO, GovukForm


class StartForm(GovukForm):
    assessment_type = forms.ChoiceField(
        label="What kind of assessment are you starting?",
        choices=[(kind.value, label) for kind, label in ASSESSMENT_TYPE_LABELS.items()],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the kind of assessment",
            "invalid_choice": "Select one of the kinds of assessment you may start",
        },
    )

    def __init__(self, *args: Any, kinds: Iterable[str], **kwargs: Any) -> None:
        """Only the kinds the practitioner may start (the service's offer) are choices."""
        super().__init__(*args, **kwargs)
        field = self.fields["assessment_type"]
        assert isinstance(field, forms.ChoiceField)
        offered = set(kinds)
        field.choices = [
            (k.value, label) for k, label in ASSESSMENT_TYPE_LABELS.items() if k in offered
        ]


def _yes_no(label: str, hint: str = "") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, help_text=hint, choices=YES_NO, widget=forms.RadioSelect, required=False
    )


def _reason(label: str, reasons: dict[str, str]) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, choices=[("", "Choose a reason"), *reasons.items()], required=False
    )


def rationale_field_name(key: str) -> str:
    """ "signal:<uuid>" → "rationale_signal_<hex>": a name that is also a plain element id."""
    kind, _, ident = key.partition(":")
    return f"rationale_{kind}_{UUID(ident).hex}"


class AssessmentForm(GovukForm):
    reveals = {
        "child_seen": {"no": ("child_seen_reason",)},
        "child_seen_alone": {"no": ("child_seen_alone_reason",)},
        "child_voice": {"yes": ("child_words",), "no": ("child_voice_reason",)},
    }

    summary = forms.CharField(
        label="Your analysis, and the reasons for the outcome",
        help_text="What the information from every agency tells you about the child's needs and"
        " safety, and why the outcome follows from it.",
        required=False,
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"max_length": "Keep it to 2,000 characters or fewer"},
    )
    child_seen = _yes_no("Was the child seen during the assessment?")
    child_seen_reason = _reason("Why was the child not seen?", NOT_SEEN_REASONS)
    child_seen_alone = _yes_no("Was the child seen alone?")
    child_seen_alone_reason = _reason("Why was the child not seen alone?", NOT_SEEN_ALONE_REASONS)
    child_voice = forms.ChoiceField(
        label="Are the child's own words recorded?",
        help_text="Record what the child said, in their words, wherever you can.",
        choices=[("yes", "Yes: record them"), ("no", "No")],
        widget=forms.RadioSelect,
        required=False,
    )
    child_words = forms.CharField(
        label="The child's words",
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    child_voice_reason = _reason("Why are the child's words not recorded?", NO_VOICE_REASONS)
    cin_factors = forms.MultipleChoiceField(
        label="Factors identified at assessment",
        help_text="The Children in Need census codes. Choose “No factors identified” if none.",
        choices=[(code, f"{code}: {label}") for code, label in CIN_ASSESSMENT_FACTORS.items()],
        widget=forms.CheckboxSelectMultiple(attrs={"class": "govuk-checkboxes--small"}),
        required=False,
    )
    outcome = forms.ChoiceField(
        label="Outcome",
        choices=[(outcome.value, label) for outcome, label in OUTCOME_LABELS.items()],
        widget=forms.RadioSelect,
        required=False,
    )
    reviewed = forms.TypedMultipleChoiceField(
        label="Chronology entries you have reviewed",
        coerce=UUID,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args: Any, draft: Draft, **kwargs: Any) -> None:
        content = draft.assessment.latest.content
        kwargs.setdefault("initial", _initial(draft))
        super().__init__(*args, **kwargs)
        field = self.fields["reviewed"]
        assert isinstance(field, forms.TypedMultipleChoiceField)
        field.choices = [(str(e.event_version_id), e.kind_label) for e in draft.entries]
        self.obligations = draft.obligations
        self.entries = draft.entries
        given = {r.key: r.text for r in content.rationales}
        for obligation in draft.obligations:
            self.fields[rationale_field_name(obligation.key)] = forms.CharField(
                label=f"Why is no further action right despite this? {obligation.title}",
                help_text=f"{obligation.detail} ({obligation.on:%-d %B %Y})",
                required=False,
                initial=given.get(obligation.key, ""),
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def reviewed_entries(self) -> list[tuple[Any, ConsideredEntry]]:
        """Each entry of the chronology with its "reviewed" checkbox, in the page's order."""
        return list(zip(self["reviewed"].subwidgets, self.entries, strict=True))

    def rationale_fields(self) -> list[tuple[Obligation, forms.BoundField]]:
        return [(o, self[rationale_field_name(o.key)]) for o in self.obligations]

    def top_level_fields(self) -> list[forms.BoundField]:
        # The reviewed entries and the rationales are drawn by the page itself.
        return [
            field
            for field in super().top_level_fields()
            if field.name != "reviewed" and not field.name.startswith("rationale_")
        ]

    def content(self) -> AssessmentContent:
        data = self.cleaned_data

        def coded(name: str) -> CodedAnswer:
            answer = data.get(name) or ""
            return CodedAnswer(answer, data.get(f"{name}_reason", "") if answer == "no" else "")

        return AssessmentContent(
            summary=data.get("summary", ""),
            child_seen=coded("child_seen"),
            child_seen_alone=coded("child_seen_alone"),
            child_voice=coded("child_voice"),
            child_words=data.get("child_words", "") if data.get("child_voice") == "yes" else "",
            cin_factors=tuple(data.get("cin_factors") or ()),
            outcome=data.get("outcome") or "",
            reviewed_version_ids=frozenset(data.get("reviewed") or ()),
            rationales=tuple(
                Rationale(
                    data.get(rationale_field_name(o.key), ""),
                    signal_id=o.signal_id,
                    concern_event_id=o.concern_event_id,
                )
                for o in self.obligations
            ),
        )

    def show(self, error: DomainError) -> None:
        """The service's refusal, on the fields it names."""
        if not isinstance(error, InvalidInput):
            self.add_error(None, str(error))
            return
        for problem in error.problems:
            name = problem.field
            if name.startswith("rationale:"):
                name = rationale_field_name(name.removeprefix("rationale:"))
            self.add_error(name if name in self.fields else None, problem.message)


def _initial(draft: Draft) -> dict[str, Any]:
    content = draft.assessment.latest.content
    initial: dict[str, Any] = {
        "summary": content.summary,
        "child_words": content.child_words,
        "cin_factors": list(content.cin_factors),
        "outcome": content.outcome,
        "reviewed": [str(e.event_version_id) for e in draft.entries if e.reviewed],
    }
    for name in ("child_seen", "child_seen_alone", "child_voice"):
        answer: CodedAnswer = getattr(content, name)
        initial[name] = answer.answer
        initial[f"{name}_reason"] = answer.code
    return initial


class DecisionForm(GovukForm):
    decision = forms.ChoiceField(
        label="Your decision",
        choices=[
            ("sign_off", "Sign it off"),
            ("return", "Return it to the author with comments"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether you sign it off or return it"},
    )
    comments = forms.CharField(
        label="Comments",
        help_text="Needed if you return it: say what the author must do. They are kept with your"
        " decision.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("decision") == "return" and not cleaned.get("comments", "").strip():
            self.add_error("comments", "Enter your comments for the author")
        return cleaned


class ReviewForm(GovukForm):
    decision = forms.ChoiceField(
        label="Your review",
        choices=[
            ("agree", "Agree: the closure with no further action takes effect"),
            ("send_back", "Send it back to the author with comments"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether you agree or send it back"},
    )
    comments = forms.CharField(
        label="Comments",
        help_text="Needed if you send it back. They are kept with your review.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("decision") == "send_back" and not cleaned.get("comments", "").strip():
            self.add_error("comments", "Enter your comments for the author")
        return cleaned
