"""The assessment workflow's rules, over plain data: where an assessment is, what a draft may
hold, what a submission must answer, and who may decide. Pure: no Django, no queries."""

from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from uuid import UUID

from sightline.access.policy import Basis, Post
from sightline.assessments.data import (
    CONCERN_KINDS,
    CONCERN_LOOKBACK_DAYS,
    EARLY_HELP_ROLES,
    INJURY_NOT_FITTING,
    REPEAT_CLOSURE_DAYS,
    STARTING_AGENCY_KINDS,
    STARTING_ROLES,
    AssessmentContent,
    AssessmentType,
    CodedAnswer,
    ConsideredEntry,
    DecisionKind,
    Obligation,
    Outcome,
    ReviewKind,
    Status,
)
from sightline.core.exceptions import FieldProblem
from sightline.records.schema.codes import (
    CIN_ASSESSMENT_FACTORS,
    CIN_NO_FACTORS,
    NO_VOICE_REASONS,
    NOT_SEEN_ALONE_REASONS,
    NOT_SEEN_REASONS,
)

# Assessments the Children in Need census counts: their factors must be recorded.
_CENSUS_TYPES = frozenset({AssessmentType.SINGLE_ASSESSMENT, AssessmentType.SECTION_47})


@dataclass(frozen=True)
class Latest:
    """The facts of an assessment's latest submission that decide its status."""

    decision: str | None = None  # DecisionKind, or None while waiting
    review_required: bool = False
    review: str | None = None  # ReviewKind, or None
    effective: bool = False


def status_of(latest: Latest | None) -> Status:
    """Where an assessment is, from its latest submission (None: never submitted)."""
    if latest is None:
        return Status.DRAFT
    if latest.decision is None:
        return Status.SUBMITTED
    if latest.decision == DecisionKind.RETURNED or latest.review == ReviewKind.SENT_BACK:
        return Status.RETURNED
    if latest.review_required and latest.review is None and not latest.effective:
        return Status.AWAITING_REVIEW
    return Status.COMPLETED


# ------------------------------------------------------------------------ content


_QUESTIONS = (
    # (field, reasons for "no", what to say when it is not answered, when "no" has no reason)
    ("child_seen", NOT_SEEN_REASONS, "Say whether the child was seen",
     "Select why the child was not seen"),
    ("child_seen_alone", NOT_SEEN_ALONE_REASONS, "Say whether the child was seen alone",
     "Select why the child was not seen alone"),
    ("child_voice", NO_VOICE_REASONS, "Say whether the child's own words are recorded",
     "Select why the child's words are not recorded"),
)  # fmt: skip


def _answer_problems(answer: CodedAnswer, reasons: dict[str, str]) -> list[str]:
    if answer.answer not in ("", "yes", "no"):
        return ["Answer yes or no"]
    if answer.answer == "no" and answer.code not in reasons:
        return ["reason"]
    if answer.answer != "no" and answer.code:
        return ["Only a no takes a reason"]
    return []


def _coded_problems(content: AssessmentContent, *, submitting: bool) -> list[FieldProblem]:
    problems = []
    for name, reasons, missing, no_reason in _QUESTIONS:
        answer: CodedAnswer = getattr(content, name)
        for problem in _answer_problems(answer, reasons):
            message = no_reason if problem == "reason" else problem
            problems.append(
                FieldProblem(f"{name}_reason" if problem == "reason" else name, message)
            )
        if submitting and not answer.answer:
            problems.append(FieldProblem(name, missing))
    if content.child_seen.answer == "no" and content.child_seen_alone.answer == "yes":
        problems.append(
            FieldProblem("child_seen_alone", "The child cannot be seen alone without being seen")
        )
    if content.child_voice.answer == "yes" and not content.child_words.strip():
        problems.append(FieldProblem("child_words", "Enter what the child said, in their words"))
    return problems


def _factor_problems(
    factors: Collection[str], assessment_type: str, *, submitting: bool
) -> list[FieldProblem]:
    unknown = [code for code in factors if code not in CIN_ASSESSMENT_FACTORS]
    if unknown:
        return [FieldProblem("cin_factors", f"{', '.join(unknown)}: not a CIN factor code")]
    if CIN_NO_FACTORS in factors and len(factors) > 1:
        return [
            FieldProblem(
                "cin_factors", "“No factors identified” cannot be chosen with other factors"
            )
        ]
    if submitting and not factors and assessment_type in _CENSUS_TYPES:
        return [
            FieldProblem("cin_factors", "Select the factors identified, or “No factors identified”")
        ]
    return []


def content_problems(
    content: AssessmentContent, *, assessment_type: str, submitting: bool
) -> list[FieldProblem]:
    """What is wrong with what the author wrote. A draft may leave questions unanswered; a
    submission must answer every one."""
    problems = _coded_problems(content, submitting=submitting)
    problems += _factor_problems(content.cin_factors, assessment_type, submitting=submitting)
    if content.outcome and content.outcome not in set(Outcome):
        problems.append(FieldProblem("outcome", "Select the outcome"))
    if submitting and not content.outcome:
        problems.append(FieldProblem("outcome", "Select the outcome of the assessment"))
    if submitting and not content.summary.strip():
        problems.append(
            FieldProblem("summary", "Enter your analysis and the reasons for the outcome")
        )
    return problems


def unreviewed_problem(unreviewed: int) -> list[FieldProblem]:
    if not unreviewed:
        return []
    entries = "entry" if unreviewed == 1 else "entries"
    return [
        FieldProblem(
            "reviewed",
            f"Review every chronology entry before you submit: {unreviewed} {entries} not"
            " marked as reviewed",
        )
    ]


def missing_rationales(
    obligations: Iterable[Obligation], rationale_keys: Collection[str]
) -> list[Obligation]:
    """The open signals and concerns a closure with no further action has not answered."""
    return [o for o in obligations if o.key not in rationale_keys]


def rationale_problems(missing: Iterable[Obligation]) -> list[FieldProblem]:
    return [
        FieldProblem(
            f"rationale:{obligation.key}",
            f"Explain why no further action is right despite: {obligation.title}",
        )
        for obligation in missing
    ]


# ------------------------------------------------------------------- concerns, repeats


def is_concern(kind: str, explanation_fits: str | None, *, redacted: bool) -> bool:
    """Another agency's entry that a closure with no further action must answer: a concern, a
    referral, a disclosure, a domestic abuse incident, or an injury whose explanation its
    recording agency did not find to fit (any injury the assessor may not read)."""
    if kind in CONCERN_KINDS:
        return True
    return kind == "injury" and (redacted or explanation_fits in INJURY_NOT_FITTING)


def within_lookback(day: date, closing_on: date) -> bool:
    return closing_on - timedelta(days=CONCERN_LOOKBACK_DAYS) <= day <= closing_on


def within_repeat_window(day: date, closing_on: date) -> bool:
    return closing_on - timedelta(days=REPEAT_CLOSURE_DAYS) <= day <= closing_on


# ------------------------------------------------------------------- who may start one


def _may_start(kind: AssessmentType, post: Post, allocated_by: Collection[UUID]) -> bool:
    if kind == AssessmentType.EARLY_HELP:
        return post.role in EARLY_HELP_ROLES
    if post.role not in STARTING_ROLES:
        return False
    social_care = post.agency_kind in STARTING_AGENCY_KINDS
    if kind == AssessmentType.SECTION_47:
        return social_care
    return social_care or post.agency_id in allocated_by


def startable(
    posts: Iterable[Post], bases: Collection[Basis], allocated_by: Collection[UUID]
) -> dict[AssessmentType, list[UUID]]:
    """For each kind of assessment this practitioner may start about a child, the agencies
    (of theirs) that would assess, the one that allocated them to the child first. Nobody
    starts one about a child whose chronology they may not open (no basis); see
    STARTING_ROLES in data.py for who may start which kind. `allocated_by` is the agencies
    that allocated the practitioner to the child."""
    if not bases:
        return {}
    found: dict[AssessmentType, list[UUID]] = {}
    for kind in AssessmentType:
        agencies = {post.agency_id for post in posts if _may_start(kind, post, allocated_by)}
        if agencies:
            found[kind] = sorted(agencies, key=lambda a: (a not in allocated_by, str(a)))
    return found


# ------------------------------------------------------------ what a viewer sees of one


def as_seen_now(
    entry: ConsideredEntry, own_agencies: Collection[UUID], shown_in_full: Collection[UUID]
) -> ConsideredEntry:
    """A chronology entry an assessment considered, as one viewer may see it today: in full
    if it is one of their own agencies' entries, or if the child's chronology as the access
    policy lets them see it today shows it in full (`shown_in_full`: those event ids);
    otherwise its kind, date and agency only, so that they know whom to ask. Never more than
    its author saw."""
    if entry.redacted or entry.agency_id in own_agencies or entry.event_id in shown_in_full:
        return entry
    return replace(entry, summary="", redacted=True)
