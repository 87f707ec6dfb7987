"""One validator per record type, shared by forms, the API and imports."""

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from sightline.core.exceptions import FieldProblem, InvalidInput
from sightline.records.schema.events import EventIn
from sightline.records.schema.persons import PersonIn
from sightline.records.schema.problems import describe
from sightline.records.schema.relationships import RelationshipIn

_T = TypeVar("_T", bound=BaseModel)


def _parse(model: type[_T], raw: dict[str, Any], row: int | None) -> _T:
    try:
        return model.model_validate(raw)
    except ValidationError as error:
        raise InvalidInput(
            [FieldProblem(field=f, message=m, row=row) for f, m in describe(error)]
        ) from None


def event_parse(raw: dict[str, Any], *, row: int | None = None) -> EventIn:
    return _parse(EventIn, raw, row)


def person_parse(raw: dict[str, Any], *, row: int | None = None) -> PersonIn:
    return _parse(PersonIn, raw, row)


def relationship_parse(raw: dict[str, Any], *, row: int | None = None) -> RelationshipIn:
    return _parse(RelationshipIn, raw, row)
