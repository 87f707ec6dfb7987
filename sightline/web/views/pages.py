"""Pages that hold no records."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement: public, as the 2018 regulations expect."""
    return render(request, "pages/accessibility.html")
