from dataclasses import dataclass
from uuid import UUID

from django.db import models


class AgencyKind(models.TextChoices):
    POLICE = "police", "Police"
    SCHOOL = "school", "School"
    GP = "gp", "GP practice"
    HEALTH_VISITING = "health_visiting", "Health visiting"
    SCHOOL_NURSING = "school_nursing", "School nursing"
    HOSPITAL = "hospital", "Hospital or emergency department"
    COMMUNITY_PAEDIATRICS = "community_paediatrics", "Community paediatrics"
    CHILDRENS_SOCIAL_CARE = "childrens_social_care", "Children's social care"
    HOUSING = "housing", "Housing"
    PROBATION = "probation", "Probation"
    EDUCATION_WELFARE = "education_welfare", "Education welfare"
    OTHER = "other", "Other"


class Role(models.TextChoices):
    PRACTITIONER = "practitioner", "Practitioner"
    DSL = "dsl", "Designated safeguarding lead"
    MANAGER = "manager", "Manager"
    SENIOR_MANAGER = "senior_manager", "Senior manager"
    MASH = "mash", "MASH practitioner"
    ANALYST = "analyst", "Analyst"
    IG_LEAD = "ig_lead", "Information governance lead"
    ADMINISTRATOR = "administrator", "Administrator"


# Roles that record safeguarding events about children (analysts and IG leads read aggregates
# and audit trails; administrators manage users). The access issue refines this per relationship.
RECORDING_ROLES = frozenset(
    {Role.PRACTITIONER, Role.DSL, Role.MANAGER, Role.SENIOR_MANAGER, Role.MASH}
)
# Roles that oversee an agency's work with children: what is overdue is escalated to them.
MANAGING_ROLES = frozenset({Role.MANAGER, Role.SENIOR_MANAGER})


@dataclass(frozen=True)
class MembershipSummary:
    agency_id: UUID
    agency_code: str
    agency_name: str
    agency_kind: str
    team_name: str
    role: str


@dataclass(frozen=True)
class MemberContact:
    """Someone to tell: a member of an agency in a role, and where their email goes."""

    user_id: int
    agency_id: UUID
    role: str
    email: str
