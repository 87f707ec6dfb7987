"""The body map: which regions are marked, and each mark's type, size and description.

The checkboxes are the form; the drawn figures (sightline.web.figures) are a second way to tick
the same boxes, so the form works without JavaScript and with a keyboard alone.
"""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.forms.boundfield import BoundWidget

from sightline.records.schema.body_map import MARK_TYPES, REGIONS, REGIONS_BY_CODE, View
from sightline.web.figures import FIGURES, Figure, Shape
from sightline.web.forms.base import GovukForm

REGION_CHOICES = [(region.code, region.label) for region in REGIONS]
_DETAILS = ("type", "size", "description")


@dataclass(frozen=True)
class RegionShape:
    code: str
    label: str
    shape: Shape
    checkbox_id: str
    checked: bool


@dataclass(frozen=True)
class FigureView:
    figure: Figure
    regions: list[RegionShape]

    @property
    def description(self) -> str:
        marked = [r.label for r in self.regions if r.checked]
        return f"{self.figure.title}: " + (
            f"marks on {'; '.join(marked)}" if marked else "no marks"
        )


def _region_fields(code: str) -> dict[str, forms.Field]:
    label = REGIONS_BY_CODE[code].label
    return {
        f"{code}-type": forms.ChoiceField(
            label=f"{label}: type of mark",
            choices=[("", "Choose the type of mark"), *MARK_TYPES.items()],
            required=False,
        ),
        f"{code}-size": forms.IntegerField(
            label=f"{label}: size in millimetres (optional)",
            help_text="The longest length across the mark.",
            required=False,
            min_value=1,
            max_value=1000,
            widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-4"}),
            error_messages={"invalid": "Enter the size as a whole number of millimetres"},
        ),
        f"{code}-description": forms.CharField(
            label=f"{label}: description (optional)",
            help_text="For example, colour and shape.",
            required=False,
            max_length=500,
        ),
    }


class BodyMapForm(GovukForm):
    reveals = {
        "regions": {code: tuple(f"{code}-{d}" for d in _DETAILS) for code, _ in REGION_CHOICES}
    }

    regions = forms.MultipleChoiceField(
        label="Where are the marks?",
        help_text="Choose every place where there is a mark. Left and right are the child's own.",
        choices=REGION_CHOICES,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "govuk-checkboxes--small"}),
        template_name="events/body_map_field.html",  # type: ignore[call-arg]  # Django 5 option
        error_messages={"required": "Select at least one place on the body map"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code, _ in REGION_CHOICES:
            self.fields.update(_region_fields(code))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for code in cleaned.get("regions", []):
            if not cleaned.get(f"{code}-type"):
                label = REGIONS_BY_CODE[code].label.lower()
                self.add_error(f"{code}-type", f"Select the type of mark ({label})")
        return cleaned

    def marks(self) -> list[dict[str, Any]]:
        data = self.cleaned_data
        return [
            {
                "region": code,
                "mark_type": data.get(f"{code}-type", ""),
                "size_mm": data.get(f"{code}-size"),
                "description": data.get(f"{code}-description", ""),
            }
            for code, _ in REGION_CHOICES
            if code in data.get("regions", [])
        ]

    @staticmethod
    def initial_from(marks: list[dict[str, Any]]) -> dict[str, Any]:
        initial: dict[str, Any] = {"regions": [m["region"] for m in marks]}
        for mark in marks:
            code = mark["region"]
            initial |= {
                f"{code}-type": mark.get("mark_type", ""),
                f"{code}-size": mark.get("size_mm"),
                f"{code}-description": mark.get("description", ""),
            }
        return initial

    def field_for_problem(self, index: int, attribute: str) -> str | None:
        """The form field behind details.marks.<index>.<attribute> of the marks sent."""
        chosen = [m["region"] for m in self.marks()] if hasattr(self, "cleaned_data") else []
        if index >= len(chosen):
            return "regions"
        detail = {"mark_type": "type", "size_mm": "size", "description": "description"}
        return f"{chosen[index]}-{detail.get(attribute, 'type')}"

    def options_by_view(self) -> list[tuple[str, list[BoundWidget]]]:
        options = list(self["regions"])
        front = [o for o in options if REGIONS_BY_CODE[o.data["value"]].view is View.FRONT]
        back = [o for o in options if REGIONS_BY_CODE[o.data["value"]].view is View.BACK]
        return [("Front of the body", front), ("Back of the body", back)]

    def figures(self) -> list[FigureView]:
        bound = self["regions"]
        chosen = set(bound.value() or [])
        position = {code: index for index, (code, _) in enumerate(REGION_CHOICES)}
        return [
            FigureView(
                figure=figure,
                regions=[
                    RegionShape(
                        code=d.region.code,
                        label=d.region.label,
                        shape=d.shape,
                        checkbox_id=f"{bound.auto_id}_{position[d.region.code]}",
                        checked=d.region.code in chosen,
                    )
                    for d in figure.regions
                ],
            )
            for figure in FIGURES
        ]


def marked_figures(marks: list[dict[str, Any]]) -> list[FigureView]:
    """The figures with the marked regions highlighted, for showing an event."""
    marked = {m.get("region") for m in marks}
    return [
        FigureView(
            figure=figure,
            regions=[
                RegionShape(d.region.code, d.region.label, d.shape, "", d.region.code in marked)
                for d in figure.regions
            ],
        )
        for figure in FIGURES
    ]
