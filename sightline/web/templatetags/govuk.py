"""Template filters for the GOV.UK components and for showing dates with their precision."""

from typing import Any

from django import forms, template
from django.forms.boundfield import BoundField
from django.urls import reverse
from django.utils.safestring import SafeString

from sightline.agencies.data import AgencyKind, Role
from sightline.records.data import IdentifierView
from sightline.web import dates, wording
from sightline.web.forms.base import DateWidget, GovukForm, error_anchor
from sightline.web.presenters import IDENTIFIER_NAMES, identifier_text

register = template.Library()

_COMPONENTS: tuple[tuple[type[forms.Widget], str], ...] = (
    (forms.HiddenInput, "govuk/hidden.html"),
    (DateWidget, "govuk/date_input.html"),
    (forms.CheckboxSelectMultiple, "govuk/checkboxes.html"),  # before RadioSelect: a subclass
    (forms.RadioSelect, "govuk/radios.html"),
    (forms.CheckboxInput, "govuk/checkbox.html"),
    (forms.Select, "govuk/select.html"),
    (forms.Textarea, "govuk/textarea.html"),
)
_CLASSES: tuple[tuple[type[forms.Widget], str], ...] = (
    (forms.Select, "govuk-select"),
    (forms.Textarea, "govuk-textarea"),
    (forms.widgets.Input, "govuk-input"),
)


@register.inclusion_tag("nav_item.html", takes_context=True)
def nav_item(context: template.Context, name: str, text: str) -> dict[str, Any]:
    """A service navigation link, marked current on its own page."""
    match = getattr(context.get("request"), "resolver_match", None)
    active = getattr(match, "url_name", None) == name
    return {"href": reverse(f"web:{name}"), "text": text, "active": active}


@register.filter
def govuk_component(bound: BoundField) -> str:
    widget = bound.field.widget
    for widget_class, name in _COMPONENTS:
        if isinstance(widget, widget_class):
            return name
    return "govuk/input.html"


@register.filter
def govuk_widget(bound: BoundField) -> SafeString:
    """The field's own widget, with the GOV.UK classes (and error class) added."""
    widget = bound.field.widget
    base = next((css for cls, css in _CLASSES if isinstance(widget, cls)), "govuk-input")
    classes = [base, widget.attrs.get("class", "")]
    if bound.errors:
        classes.append(f"{base}--error")
    return bound.as_widget(attrs={"class": " ".join(c for c in classes if c)})


@register.filter
def anchor(bound: BoundField) -> str:
    return error_anchor(bound)


@register.filter
def revealed(bound: BoundField, value: str) -> list[BoundField]:
    form = bound.form
    return form.revealed_fields(bound.name, str(value)) if isinstance(form, GovukForm) else []


@register.filter
def option_hint(bound: BoundField, value: str) -> str:
    hints: dict[str, str] = getattr(bound.field, "option_hints", {})
    return hints.get(str(value), "")


@register.filter
def has_reveals(bound: BoundField) -> bool:
    form = bound.form
    return isinstance(form, GovukForm) and bool(form.reveals.get(bound.name))


@register.filter
def date_parts(bound: BoundField) -> list[dict[str, Any]]:
    value = bound.value()
    widget = bound.field.widget
    if not isinstance(value, list | tuple):
        value = widget.decompress(value) if isinstance(widget, DateWidget) else [None] * 3
    parts = zip(("day", "month", "year"), value, strict=False)
    return [
        {
            "label": part.capitalize(),
            "name": f"{bound.html_name}_{part}",
            "id": f"{bound.auto_id}_{part}",
            "value": "" if given is None else given,
            "width": "4" if part == "year" else "2",
        }
        for part, given in parts
    ]


@register.filter
def is_checked(option: Any) -> bool:
    return bool(option.data.get("selected"))


@register.filter
def words(code: Any) -> str:
    return wording.words(str(code)) if code not in (None, "") else ""


register.filter("occurred", dates.occurred)
register.filter("partial_date", dates.partial_date)
register.filter("moment", dates.moment)


@register.filter
def role_label(role: str) -> str:
    return str(Role(role).label) if role in Role.values else role


@register.filter
def agency_kind_label(kind: str) -> str:
    return str(AgencyKind(kind).label) if kind in AgencyKind.values else kind


@register.filter
def identifier_name(scheme: str) -> str:
    return IDENTIFIER_NAMES.get(scheme, scheme)


@register.filter
def identifier_value(identifier: IdentifierView) -> str:
    return identifier_text(identifier.scheme, identifier.value)
