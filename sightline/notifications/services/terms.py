"""Recording a school's term dates, or the local authority's default calendar."""

from collections.abc import Sequence
from uuid import UUID

from django.db import transaction

from sightline.core.exceptions import FieldProblem, InvalidInput
from sightline.notifications.calendar import Term, terms_overlapping
from sightline.notifications.models import SchoolTerm


@transaction.atomic
def school_terms_replace(*, agency_id: UUID | None, terms: Sequence[tuple[str, Term]]) -> int:
    """Replace one calendar's terms (a school's, or with no agency the default) with these
    named terms. Term dates are configuration, not a safeguarding record: the calendar is
    replaced whole. Overlapping terms are refused, each pair named."""
    clashes = terms_overlapping([term for _, term in terms])
    if clashes:
        raise InvalidInput(
            [
                FieldProblem(
                    "terms", f"{a.starts_on}–{a.ends_on} overlaps {b.starts_on}–{b.ends_on}"
                )
                for a, b in clashes
            ]
        )
    current = (
        SchoolTerm.objects.filter(agency_id=agency_id)
        if agency_id
        else SchoolTerm.objects.filter(agency__isnull=True)
    )
    current.delete()
    rows = [
        SchoolTerm(agency_id=agency_id, name=name, starts_on=term.starts_on, ends_on=term.ends_on)
        for name, term in terms
    ]
    for row in rows:
        row.full_clean()
    SchoolTerm.objects.bulk_create(rows)
    return len(rows)
