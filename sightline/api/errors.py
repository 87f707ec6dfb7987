"""Every error the API returns, mapped in one place to problem details (RFC 9457).

A record that does not exist and a record the caller may not see get the same answer, so the
API never confirms that another agency holds something. Unexpected errors are logged and
answered with a bare 500: a traceback would show internals to whoever made the request.
"""

import logging
from collections.abc import Sequence
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from sightline.api.schemas.problems import FieldProblemOut, Problem
from sightline.core.exceptions import Conflict, DomainError, InvalidInput, NotFound
from sightline.records.schema.problems import describe_one

logger = logging.getLogger(__name__)

PROBLEM_CONTENT_TYPE = "application/problem+json"

# status → (type, title). The type URNs are stable: clients may branch on them.
_KINDS: dict[int, tuple[str, str]] = {
    400: ("urn:sightline:problem:bad-request", "The request could not be read"),
    401: ("urn:sightline:problem:unauthenticated", "Authentication needed"),
    403: ("urn:sightline:problem:forbidden", "Refused"),
    404: ("urn:sightline:problem:not-found", "Not found"),
    405: ("urn:sightline:problem:method-not-allowed", "Method not allowed"),
    409: ("urn:sightline:problem:conflict", "Conflicts with what is stored"),
    422: ("urn:sightline:problem:invalid-input", "The input has problems"),
    429: ("urn:sightline:problem:throttled", "Too many requests"),
    500: ("urn:sightline:problem:server-error", "Something went wrong"),
}


def problem_response(
    status: int, detail: str, errors: Sequence[FieldProblemOut] = ()
) -> HttpResponse:
    kind, title = _KINDS.get(status, _KINDS[400] if status < 500 else _KINDS[500])
    body = Problem(type=kind, title=title, status=status, detail=detail, errors=list(errors))
    return HttpResponse(body.model_dump_json(), status=status, content_type=PROBLEM_CONTENT_TYPE)


def _request_problems(errors: list[dict[str, Any]]) -> list[FieldProblemOut]:
    """ninja's locations start with the source (body, query, path) and, for a body, the name
    of the view's parameter; without them, a body field is named as in the shared schema
    ("details.marks.0.region"), the same name the forms and the import report."""
    problems = []
    for error in errors:
        source, *rest = error.get("loc") or ("body",)
        location: list[str | int] = rest[1:] if source == "body" else rest
        field, message = describe_one(location, str(error.get("msg", "is not valid")))
        problems.append(FieldProblemOut(field=field, message=message))
    return problems


def _invalid_request(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return problem_response(
        422, "Correct each field listed in errors.", _request_problems(exc.errors)
    )


def _invalid_input(request: HttpRequest, exc: InvalidInput) -> HttpResponse:
    problems = [FieldProblemOut(field=p.field, message=p.message) for p in exc.problems]
    return problem_response(422, "Correct each field listed in errors.", problems)


def _not_found(request: HttpRequest, exc: NotFound) -> HttpResponse:
    # NotPermitted is a NotFound: the message is the same whether missing or forbidden.
    return problem_response(404, str(exc))


def _route_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return problem_response(404, "There is nothing at this address.")


def _conflict(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return problem_response(409, str(exc))


def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = problem_response(
        401, "Send a practitioner's API token (Authorization: Bearer …) or sign in."
    )
    response["WWW-Authenticate"] = 'Bearer realm="sightline"'
    return response


def _throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
    # ninja adds Retry-After to this response after the handler returns.
    return problem_response(429, "Too many requests from this practitioner; try again shortly.")


def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return problem_response(exc.status_code, str(exc))


def _unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.exception("API error on %s %s", request.method, request.path, exc_info=exc)
    return problem_response(500, "The error has been logged. Try again later.")


def problem_handlers_install(api: NinjaAPI) -> None:
    """Register every handler; ninja picks the most specific class of the raised error."""
    handlers: list[tuple[type[Exception], Any]] = [
        (InvalidInput, _invalid_input),
        (ValidationError, _invalid_request),
        (NotFound, _not_found),
        (Http404, _route_not_found),
        (Conflict, _conflict),
        (DomainError, _conflict),
        (AuthenticationError, _unauthenticated),
        (Throttled, _throttled),
        (HttpError, _http_error),
        (Exception, _unexpected),
    ]
    for exc_class, handler in handlers:
        api.add_exception_handler(exc_class, handler)
