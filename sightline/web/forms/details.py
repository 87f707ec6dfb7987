"""A form for each event kind's details, generated from its pydantic model.

The shared schema (records.schema.details) is the one definition of each kind's details; the
form mirrors its field types, Literal values, bounds and defaults, so the two cannot drift.
The schema still validates everything on submission: these fields only make entry pleasant.
"""

import types
from datetime import date
from functools import cache
from typing import Any, Literal, Union, get_args, get_origin

from annotated_types import Ge, Le, MaxLen, MinLen
from django import forms
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from sightline.records.schema.catalogue import EventKind
from sightline.records.schema.details import DETAILS_MODELS
from sightline.web import wording
from sightline.web.forms.base import DateField, GovukForm, yes_no_field

# Free text longer than this gets a textarea rather than a one-line input.
_LONG_TEXT = 500
# Code lists longer than this are a select; shorter ones are radios.
_MANY_OPTIONS = 10
# The injury's marks come from the body map form, not from a generated field.
BODY_MAP_FIELD = "marks"
# Follow-up questions shown only after the answer that makes them relevant.
REVEALS: dict[EventKind, dict[str, dict[str, tuple[str, ...]]]] = {
    EventKind.INJURY: {"explanation_given": {"yes": ("explanation", "explanation_by")}},
    EventKind.SECTION_47_ENQUIRY: {"icpc_required": {"yes": ("icpc_target_date",)}},
}


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """(the type inside an optional, whether None is allowed)."""
    if get_origin(annotation) in (Union, types.UnionType):
        inner = [a for a in get_args(annotation) if a is not type(None)]
        return inner[0], len(inner) < len(get_args(annotation))
    return annotation, False


def _constraint(info: FieldInfo, kind: type, attribute: str) -> Any:
    return next((getattr(m, attribute) for m in info.metadata if isinstance(m, kind)), None)


def _choices_field(values: list[tuple[str, str]], **common: Any) -> forms.ChoiceField:
    if len(values) > _MANY_OPTIONS:
        return forms.ChoiceField(choices=[("", "Choose an option"), *values], **common)
    return forms.ChoiceField(choices=values, widget=forms.RadioSelect, **common)


def _coded_field(name: str, annotation: Any, info: FieldInfo, **common: Any) -> forms.Field | None:
    """Fields whose answers come from a list: code lists, Literals, lists of Literals."""
    if name in wording.CODE_LISTS:
        codes = wording.CODE_LISTS[name]
        return _choices_field([(c, wording.code_label(c, codes)) for c in codes], **common)
    if get_origin(annotation) is Literal:
        return _choices_field([(v, wording.words(v)) for v in get_args(annotation)], **common)
    if get_origin(annotation) is list:
        (item,) = get_args(annotation)
        common["required"] = (_constraint(info, MinLen, "min_length") or 0) > 0
        if get_origin(item) is Literal:
            choices = [(v, wording.words(v)) for v in get_args(item)]
            return forms.MultipleChoiceField(
                choices=choices, widget=forms.CheckboxSelectMultiple, **common
            )
        message = common["error_messages"]["required"].replace("Select ", "Enter ", 1)
        common["error_messages"] = {"required": message}
        common["help_text"] = common.get("help_text") or "One on each line."
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), **common)
    return None


def _field(kind: EventKind, name: str, info: FieldInfo) -> forms.Field:
    annotation, optional = _unwrap(info.annotation)
    label, noun = wording.field_wording(kind.value, name)
    common: dict[str, Any] = {"label": label, "required": info.is_required() and not optional}
    if name in wording.HINTS:
        common["help_text"] = wording.HINTS[name]
    coded = _coded_field(
        name, annotation, info, error_messages={"required": f"Select {noun}"}, **common
    )
    if coded is not None:
        return coded
    if annotation is bool:
        return yes_no_field(error_messages={"required": f"Select {noun}"}, **common)
    if annotation is date:
        return DateField(noun=noun, **common)
    if annotation in (int, float):
        field_class = forms.IntegerField if annotation is int else forms.FloatField
        return field_class(
            min_value=_constraint(info, Ge, "ge"),
            max_value=_constraint(info, Le, "le"),
            widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-5"}),
            error_messages={"required": f"Enter {noun}", "invalid": f"Enter {noun} as a number"},
            **common,
        )
    max_length = _constraint(info, MaxLen, "max_length")
    long_text = max_length is None or max_length > _LONG_TEXT
    return forms.CharField(
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": 4}) if long_text else forms.TextInput,
        error_messages={"required": f"Enter {noun}"},
        **common,
    )


def _initial(info: FieldInfo) -> Any:
    default = info.default
    if default is PydanticUndefined or default is None or default == "":
        return None
    if isinstance(default, bool):
        return "yes" if default else "no"
    return default


class DetailsForm(GovukForm):
    kind: EventKind

    def details(self) -> dict[str, Any]:
        """The cleaned answers as the schema's details, leaving unanswered fields to defaults."""
        model = DETAILS_MODELS[self.kind]
        found: dict[str, Any] = {}
        for name, value in self.cleaned_data.items():
            if value in (None, "", []) or self._hidden_by_answer(name):
                continue
            annotation, _ = _unwrap(model.model_fields[name].annotation)
            if get_origin(annotation) is list and isinstance(value, str):
                value = [line.strip() for line in value.splitlines() if line.strip()]
            found[name] = value.isoformat() if isinstance(value, date) else value
        return found

    def _hidden_by_answer(self, name: str) -> bool:
        """A follow-up whose question was answered otherwise: its box may still hold text."""
        for question, options in self.reveals.items():
            for answer, names in options.items():
                if name in names and self.data.get(self.add_prefix(question)) != answer:
                    return True
        return False

    @classmethod
    def initial_from(cls, details: dict[str, Any]) -> dict[str, Any]:
        """Stored details as form values, for amending."""
        initial: dict[str, Any] = {}
        for name, value in details.items():
            if name not in cls.base_fields or value is None:
                continue
            if isinstance(value, bool):
                value = "yes" if value else "no"
            elif isinstance(value, list) and not isinstance(
                cls.base_fields[name], forms.MultipleChoiceField
            ):
                value = "\n".join(str(v) for v in value)
            initial[name] = value
        return initial


@cache
def details_form_class(kind: EventKind) -> type[DetailsForm]:
    model = DETAILS_MODELS[kind]
    fields: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if name == BODY_MAP_FIELD:
            continue
        fields[name] = _field(kind, name, info)
        fields[name].initial = _initial(info)
    attributes = {**fields, "kind": kind, "reveals": REVEALS.get(kind, {})}
    return type(f"{model.__name__}Form", (DetailsForm,), attributes)
