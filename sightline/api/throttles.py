"""Rate limits per practitioner, always on.

Counts live in Django's default cache. With several server processes, configure a shared cache
(CACHES) so that the limit holds across them; the per-process default still limits each one.
"""

from django.http import HttpRequest
from ninja.throttling import SimpleRateThrottle


class PractitionerRateThrottle(SimpleRateThrottle):
    """Requests per practitioner, however they authenticated (token or session).

    Keyed by the user's primary key: ninja's AuthRateThrottle keys by str(user), which is the
    display name here, and two practitioners may share one.
    """

    scope = "practitioner"

    def get_cache_key(self, request: HttpRequest) -> str | None:
        user = getattr(request, "auth", None)
        if user is None:
            return None  # unauthenticated calls are refused before throttling
        return self.cache_format % {"scope": self.scope, "ident": user.pk}


# Enough for a case-management system sending records one by one as practitioners save them;
# bulk loads go through `sightline import`, not the API.
PRACTITIONER_RATE = "300/min"
