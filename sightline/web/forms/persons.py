"""Finding a person in your own agency's records, and recording a new one."""

from typing import Any

from django import forms

from sightline.core.exceptions import DomainError, InvalidInput
from sightline.records.schema.persons import Confidentiality
from sightline.web import wording
from sightline.web.forms.base import DateField, GovukForm, yes_no_field


class PersonFindForm(GovukForm):
    q = forms.CharField(
        label="Name, NHS number, UPN or your reference",
        help_text="For example, Daniel Luczak or 943 476 5919. Accents and capitals do not matter.",
        max_length=200,
        error_messages={"required": "Enter a name, NHS number, UPN or reference"},
    )


CONFIDENTIALITY_HINTS = {
    "standard": "Can be matched with other agencies' records of the same person.",
    "confidential": "Known only to your agency unless released, for example a refuge.",
    "shielded": "Never linked or shown to other agencies, for example a protected identity.",
}
_IDENTIFIERS = ("nhs_number", "upn")


class PersonCreateForm(GovukForm):
    agency = forms.ChoiceField(
        label="Which of your agencies is recording this person?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select the agency recording this person"},
    )
    given_name = forms.CharField(label="Given names", required=False, max_length=100)
    family_name = forms.CharField(
        label="Family name",
        max_length=100,
        error_messages={"required": "Enter the family name"},
    )
    date_of_birth = DateField(
        partial=True,
        noun="the date of birth",
        label="Date of birth (optional)",
        help_text="For example, 14 5 2019. If you only know the month or year, leave out the day,"
        " or the day and month.",
        required=False,
    )
    sex = forms.ChoiceField(
        label="Sex",
        choices=[("F", "Female"), ("M", "Male"), ("U", "Not known")],
        widget=forms.RadioSelect(attrs={"class": "govuk-radios--inline"}),
        initial="U",
    )
    nhs_number = forms.CharField(
        label="NHS number (optional)",
        help_text="10 digits, for example 943 476 5919.",
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "numeric"}),
    )
    upn = forms.CharField(
        label="Unique pupil number (UPN) (optional)",
        help_text="13 characters, starting with a letter.",
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
    )
    address_line1 = forms.CharField(
        label="Address line 1 (optional)", required=False, max_length=200
    )
    address_line2 = forms.CharField(
        label="Address line 2 (optional)", required=False, max_length=200
    )
    town = forms.CharField(
        label="Town or city (optional)",
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"class": "govuk-!-width-two-thirds"}),
    )
    postcode = forms.CharField(
        label="Postcode (optional)",
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "autocomplete": "off"}),
    )
    address_confidential = forms.BooleanField(
        label="This address is confidential",
        help_text="For example, a refuge. It will be marked wherever it is shown.",
        required=False,
    )
    first_language = forms.CharField(
        label="First language (optional)",
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20"}),
    )
    interpreter_needed = yes_no_field("Do they need an interpreter?", required=False)
    confidentiality = forms.ChoiceField(
        label="How should this record be shared?",
        choices=[(c.value, wording.words(c.value)) for c in Confidentiality],
        widget=forms.RadioSelect,
        initial=Confidentiality.STANDARD.value,
    )

    def __init__(self, *args: Any, agencies: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agency = self.fields["agency"]
        assert isinstance(agency, forms.ChoiceField)
        agency.choices = agencies
        if len(agencies) == 1:
            self.fields["agency"].initial = agencies[0][0]
            self.fields["agency"].widget = forms.HiddenInput()
        self.fields["confidentiality"].option_hints = CONFIDENTIALITY_HINTS  # type: ignore[attr-defined]

    def raw(self) -> dict[str, Any]:
        """The person as the shared schema's PersonIn expects them."""
        c = self.cleaned_data
        raw: dict[str, Any] = {
            "given_name": c["given_name"],
            "family_name": c["family_name"],
            "sex": c["sex"],
            "identifiers": [
                {"scheme": scheme, "value": c[scheme]} for scheme in _IDENTIFIERS if c[scheme]
            ],
            "first_language": c["first_language"],
            "interpreter_needed": c["interpreter_needed"],
            "confidentiality": c["confidentiality"],
        }
        if c["date_of_birth"]:
            raw["date_of_birth"] = c["date_of_birth"]
        if c["address_line1"] or c["postcode"]:
            raw["addresses"] = [
                {
                    "line1": c["address_line1"],
                    "line2": c["address_line2"],
                    "town": c["town"],
                    "postcode": c["postcode"],
                    "confidentiality": "confidential" if c["address_confidential"] else "standard",
                }
            ]
        return raw

    def show(self, error: DomainError) -> None:
        """Put a failed save's problems on the fields they are about."""
        if not isinstance(error, InvalidInput):
            self.add_error(None, str(error))
            return
        given = [scheme for scheme in _IDENTIFIERS if self.cleaned_data.get(scheme)]
        for problem in error.problems:
            path = problem.field.split(".")
            field: str | None = path[0]
            if path[0] == "identifiers" and len(path) > 1 and path[1].isdigit():
                field = given[int(path[1])] if int(path[1]) < len(given) else None
            elif path[0] == "addresses":
                field = {"postcode": "postcode", "town": "town"}.get(path[-1], "address_line1")
            self.add_error(field if field in self.fields else None, problem.message)
