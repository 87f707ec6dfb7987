"""A manager's oversight board."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sightline.assessments.data import SIGNING_ROLES
from sightline.assessments.selectors import oversight_board
from sightline.web.permissions import Access, practitioner_view


@practitioner_view(roles=frozenset(SIGNING_ROLES))
def oversight(request: HttpRequest, access: Access) -> HttpResponse:
    """Assessments waiting for the manager, repeated closures waiting for a senior manager, risk
    signals nobody has answered, overdue actions, and children not seen (alone) often enough."""
    board = oversight_board(viewer_id=access.scope.user_id)
    return render(request, "oversight/board.html", {"board": board})
