"""Households and their dated membership. Append-only, like records and identity.

A recorded person's membership of a household is a numbered series of rows, as its membership of
a person is: row N says "from `since`, this record lives in that household (or in none)", and
row N+1 ends it. So a household's history is the ordered list of the rows that name it and of
the rows that follow them, and nothing about a household is ever overwritten.

Rows are about recorded persons, not derived persons (see DESIGN.md, "Stable references"): a
later link or split rewrites persons, and must not rewrite who lived where.
"""

import uuid

from django.db import models

from sightline.core.models import AppendOnlyModel
from sightline.households.data import BASIS_LABELS, ROLE_LABELS, Basis, Role


class Household(AppendOnlyModel):
    """People who live together. Its members are the recorded persons whose latest membership
    row names it; it has no address of its own, so moving home together keeps it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    formed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"household {self.id}"


class HouseholdMembership(AppendOnlyModel):
    """From `since`, this recorded person lives in `household` (None: in no household known),
    until the row with the next number."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # Found through the unique (recorded person, number) index.
    recorded_person = models.ForeignKey(
        "records.RecordedPerson", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    number = models.PositiveIntegerField()
    household = models.ForeignKey(
        Household, null=True, blank=True, on_delete=models.PROTECT, related_name="memberships"
    )
    # When Sightline derived the change.
    since = models.DateTimeField()
    # When it happened, as the agencies' records say (an address's start, a relationship's).
    effective_on = models.DateField(null=True, blank=True)
    # As of the derivation; a birthday that makes a child an adult is a new row.
    role = models.CharField(
        max_length=8, blank=True, choices=[(r.value, ROLE_LABELS[r]) for r in Role]
    )
    basis = models.CharField(
        max_length=20, blank=True, choices=[(b.value, BASIS_LABELS[b]) for b in Basis]
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["recorded_person", "number"],
                name="household_membership_number_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(number__gte=1),
                name="household_membership_numbered_from_one",
                violation_error_code="membership_number_below_one",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    household__isnull=False,
                    role__in=[r.value for r in Role],
                    basis__in=[b.value for b in Basis],
                )
                | models.Q(household__isnull=True, role="", basis="", number__gt=1),
                name="household_membership_role_and_basis_with_a_household",
                violation_error_code="membership_role_without_household",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.recorded_person_id} #{self.number} → {self.household_id}"
