"""The OpenAPI document, made to say exactly what the API does.

Two things ninja cannot infer are filled in after it builds the document:
- errors are sent as `application/problem+json` (RFC 9457), not `application/json`;
- an event's `details` are validated against the model of its `kind` (one validator shared with
  forms and imports, so the field is typed by the base class); the document lists each kind's
  model so that clients can see what to send.
"""

from typing import Any

from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema
from pydantic.json_schema import models_json_schema

from sightline.api.errors import PROBLEM_CONTENT_TYPE
from sightline.records.schema.details import DETAILS_MODELS

_REF_TEMPLATE = "#/components/schemas/{model}"


def _problem_media_types(schema: dict[str, Any]) -> None:
    for operations in schema["paths"].values():
        for operation in operations.values():
            for status, response in operation.get("responses", {}).items():
                content = response.get("content", {})
                if int(status) >= 400 and "application/json" in content:
                    response["content"] = {PROBLEM_CONTENT_TYPE: content["application/json"]}


def _details_by_kind(schema: dict[str, Any]) -> None:
    components = schema["components"]["schemas"]
    if "Details" not in components:
        return
    models = [(model, "validation") for model in DETAILS_MODELS.values()]
    refs, definitions = models_json_schema(models, ref_template=_REF_TEMPLATE)  # type: ignore[arg-type]
    components.update(definitions.get("$defs", {}))
    by_kind = {kind.value: refs[(model, "validation")] for kind, model in DETAILS_MODELS.items()}
    components["Details"] = {
        "title": "Details",
        "description": "The structured details of the event's kind: "
        + "; ".join(f"{kind} → {ref['$ref'].rsplit('/', 1)[-1]}" for kind, ref in by_kind.items())
        + ".",
        "anyOf": list({ref["$ref"]: ref for ref in by_kind.values()}.values()),
    }


class DocumentedAPI(NinjaAPI):
    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        _problem_media_types(schema)
        _details_by_kind(schema)
        return schema
