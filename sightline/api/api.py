"""The JSON API, version 1, mounted at /api/v1/ (OpenAPI at /api/v1/openapi.json, docs at
/api/v1/docs). Only this package imports django-ninja."""

from ninja import Swagger

from sightline.api.auth import AUTHENTICATORS
from sightline.api.errors import problem_handlers_install
from sightline.api.openapi import DocumentedAPI
from sightline.api.routers import chronology, events, notifications, persons
from sightline.api.throttles import PRACTITIONER_RATE, PractitionerRateThrottle

api = DocumentedAPI(
    title="Sightline API",
    version="1",
    urls_namespace="api-v1",
    description=(
        "Record and read safeguarding events and recorded persons for your agency, read a "
        "child's joined chronology where you have a legitimate relationship with the child, and "
        "read and acknowledge your notifications. "
        "Authenticate with a practitioner's bearer token (`sightline token create USERNAME`) "
        "or a signed-in session with its CSRF token. Every error is a problem document "
        "(RFC 9457); a record outside your agencies is answered exactly as a missing one."
    ),
    auth=AUTHENTICATORS,
    throttle=[PractitionerRateThrottle(PRACTITIONER_RATE)],
    # ninja's own Swagger page (ninja is in INSTALLED_APPS, so the page loads its script and
    # styles from our static files rather than a CDN, and has no inline script: it works under
    # the site's Content Security Policy unchanged). No validator badge: it would call out to
    # validator.swagger.io.
    docs=Swagger(settings={"validatorUrl": None}),
)
problem_handlers_install(api)
api.add_router("", persons.router)
api.add_router("", events.router)
api.add_router("", notifications.router)
api.add_router("", chronology.router)
