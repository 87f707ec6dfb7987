"""Problem details (RFC 9457): the one shape of every error the API returns."""

from ninja import Schema


class FieldProblemOut(Schema):
    field: str
    message: str


class Problem(Schema):
    """What went wrong, never how: no tracebacks, no internal identifiers."""

    type: str
    title: str
    status: int
    detail: str
    # Every problem with the input at once (422), each with the dotted path of its field.
    errors: list[FieldProblemOut] = []


# The errors any authenticated operation can answer with. 403 is a session write without its
# CSRF token; 429 carries Retry-After.
PROBLEM_RESPONSES: dict[int, type[Problem]] = dict.fromkeys((401, 403, 404, 409, 422, 429), Problem)
