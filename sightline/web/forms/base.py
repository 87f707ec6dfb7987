"""Plain Django forms drawn as GOV.UK Design System components.

Every form renders through GovukRenderer, whose field template picks the GOV.UK component
for the field's widget (govuk/field.html). Messages follow the GOV.UK error message style.
"""

import re
from collections.abc import Iterable
from datetime import date
from typing import Any, ClassVar

from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates


class GovukRenderer(DjangoTemplates):
    form_template_name = "govuk/form.html"
    field_template_name = "govuk/field.html"


class DateWidget(forms.MultiWidget):
    """Day, month and year boxes, named <name>_day, <name>_month and <name>_year."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        parts: dict[str, forms.Widget | type[forms.Widget]] = {
            "day": forms.TextInput(),
            "month": forms.TextInput(),
            "year": forms.TextInput(),
        }
        super().__init__(parts, attrs)

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, date):
            return [value.day, value.month, value.year]
        if isinstance(value, str) and value:
            year, month, day = ([*value[:10].split("-"), "", ""])[:3]
            return [day.lstrip("0"), month.lstrip("0"), year]
        return [None, None, None]


class DateField(forms.MultiValueField):
    """A GOV.UK date input. With partial=True the day, or the day and month, may be left out
    (a date known to the month or year), and the value is "YYYY", "YYYY-MM" or "YYYY-MM-DD"."""

    widget = DateWidget

    def __init__(self, *, partial: bool = False, noun: str = "the date", **kwargs: Any) -> None:
        self.partial = partial
        self.noun = noun
        parts = tuple(forms.CharField(required=False) for _ in range(3))
        kwargs.setdefault("error_messages", {"required": f"Enter {noun}"})
        super().__init__(fields=parts, require_all_fields=False, **kwargs)

    def compress(self, data_list: list[Any]) -> date | str | None:
        day, month, year = ([*(str(v or "").strip() for v in data_list), "", "", ""])[:3]
        if not (day or month or year):
            return None
        if not re.fullmatch(r"\d{4}", year):
            raise forms.ValidationError(f"{self.noun.capitalize()} must include a 4-digit year")
        if not self.partial and not (day and month):
            missing = (
                "a day and month" if not (day or month) else ("a day" if not day else "a month")
            )
            raise forms.ValidationError(f"{self.noun.capitalize()} must include {missing}")
        if day and not month:
            raise forms.ValidationError(f"{self.noun.capitalize()} must include a month")
        try:
            real = date(int(year), int(month or 1), int(day or 1))
        except ValueError:
            raise forms.ValidationError(f"{self.noun.capitalize()} must be a real date") from None
        if not self.partial:
            return real
        return real.isoformat()[: 10 if day else 7 if month else 4]


YES_NO = [("yes", "Yes"), ("no", "No")]


def yes_no_field(label: str, *, required: bool = True, **kwargs: Any) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        empty_value=None,
        widget=forms.RadioSelect(attrs={"class": "govuk-radios--inline"}),
        required=required,
        **kwargs,
    )


class GovukForm(forms.Form):
    default_renderer = GovukRenderer
    # GOV.UK forms validate on the server only, so browsers' own messages never pre-empt ours.
    use_required_attribute = False
    template_name = "govuk/form.html"
    # Radios whose options reveal further questions: field → option value → revealed fields.
    reveals: ClassVar[dict[str, dict[str, tuple[str, ...]]]] = {}

    def revealed_fields(self, name: str, value: str) -> list[BoundField]:
        return [self[n] for n in self.reveals.get(name, {}).get(value, ()) if n in self.fields]

    def top_level_fields(self) -> list[BoundField]:
        """Visible fields that are not revealed by another field's option."""
        nested = {n for options in self.reveals.values() for ns in options.values() for n in ns}
        return [bf for bf in self.visible_fields() if bf.name not in nested]

    def error_links(self) -> list[tuple[str, str]]:
        """(link to the first input of the field, message) for the GOV.UK error summary."""
        links = [("", str(message)) for message in self.non_field_errors()]
        for name, errors in self.errors.items():
            if name in self.fields:
                links += [(f"#{error_anchor(self[name])}", str(message)) for message in errors]
        return links

    def add_problems(self, problems: Iterable[tuple[str | None, str]]) -> None:
        for field, message in problems:
            self.add_error(field if field in self.fields else None, message)


def error_anchor(bound: BoundField) -> str:
    """The id of the element the error summary should move focus to."""
    widget = bound.field.widget
    if isinstance(widget, DateWidget):
        return f"{bound.auto_id}_day"
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return f"{bound.auto_id}_0"
    return str(bound.auto_id)
